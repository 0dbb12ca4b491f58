// GET / → the experiments list (the home of the app).
import { redirect } from 'next/navigation';

export default function HomePage() {
  redirect('/experiments');
}
