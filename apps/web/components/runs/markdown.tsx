import Markdown from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';

/**
 * Markdown written by users (run notes), rendered safely: GitHub's dialect (tables, task lists,
 * strikethrough), raw HTML never rendered (react-markdown drops it) and the tree sanitised with
 * GitHub's allow-list, links to javascript: and the like removed.
 */
export function MarkdownText({ children, className }: { children: string; className?: string }) {
  return (
    <div className={className}>
      <Markdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]}>
        {children}
      </Markdown>
    </div>
  );
}
