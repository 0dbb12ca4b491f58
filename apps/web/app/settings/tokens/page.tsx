// GET /settings/tokens → the signed-in user's API tokens: create one (shown once), see when each was last used, revoke.
import type { Metadata } from 'next';
import { TokensView } from '@/components/settings/tokens-view';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>API tokens</h1>
          <p>
            For scripts, the SDK and the CLI (<code>atelier login &lt;url&gt; --token …</code>). A token acts for you in one project, read
            only or read and write; Atelier stores only its hash.
          </p>
        </div>
      </div>
      <TokensView />
    </>
  );
}
