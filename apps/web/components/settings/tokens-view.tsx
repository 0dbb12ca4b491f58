'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { browserAuth, type AuthClient } from '@/lib/auth-client';
import { TOKEN_SCOPES, ZCreateTokenRequest, type TApiToken, type TCreatedToken } from '@/lib/auth-schemas';
import { formatDateTime } from '@/lib/format';
import { errorMessage } from '@/lib/query-client';
import { useSession } from '@/components/auth/use-session';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FormAlert, TextField, SubmitButton } from '@/components/ui/form-fields';
import tableStyles from '@/components/ui/table.module.css';
import styles from '@/components/auth/auth.module.css';
import { useTokens } from './use-tokens';

/** The form's fields as the inputs give them: the project '' is "every project", the expiry '' is "never". */
const ZTokenForm = z.object({
  name: ZCreateTokenRequest.shape.name,
  project: z.string(),
  scope: ZCreateTokenRequest.shape.scope,
  expiresInDays: z
    .string()
    .trim()
    .regex(/^\d*$/, 'a whole number of days')
    .transform((days) => (days === '' ? undefined : Number(days)))
    .pipe(ZCreateTokenRequest.shape.expiresInDays),
});
type TokenFormInput = z.input<typeof ZTokenForm>;
type TokenFormValues = z.output<typeof ZTokenForm>;

const SCOPE_LABELS: Record<(typeof TOKEN_SCOPES)[number], string> = { read: 'Read', write: 'Read and write' };

function tokenState(token: TApiToken, now = Date.now()): string {
  if (token.revokedAt) return `revoked ${formatDateTime(token.revokedAt)}`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return `expired ${formatDateTime(token.expiresAt)}`;
  return token.expiresAt ? `expires ${formatDateTime(token.expiresAt)}` : 'never expires';
}

/** The value of a new token, shown this once, with a copy button. */
function NewToken({ created, onDone }: { created: TCreatedToken; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className={`${alertStyles.alert} ${alertStyles.info}`} role="status" data-testid="new-token">
      <p>
        <strong>{created.name}</strong>: copy the token now. It is shown only this once; Atelier keeps only its hash.
      </p>
      <div className={styles.secret}>
        <code data-testid="new-token-value">{created.token}</code>
        <button type="button" className={buttonStyles.button} onClick={() => void copy()} data-testid="copy-token">
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className={buttonStyles.button} onClick={onDone}>
          Done
        </button>
      </div>
      {copied === 'failed' ? <p>The browser refused the clipboard: select the token and copy it by hand.</p> : null}
    </div>
  );
}

export function TokensView({ auth = browserAuth }: { auth?: AuthClient }) {
  const { data: session } = useSession(auth);
  const { list, create, revoke } = useTokens(auth);
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<TokenFormInput, unknown, TokenFormValues>({
    resolver: zodResolver(ZTokenForm),
    defaultValues: { name: '', project: '', scope: 'read', expiresInDays: '90' },
  });
  const projects = session?.projects ?? [];
  const isAdmin = session?.user.isAdmin ?? false;
  const onSubmit = handleSubmit(async (values) => {
    try {
      const token = await create.mutateAsync({
        name: values.name,
        project: values.project || null,
        scope: values.scope,
        ...(values.expiresInDays === undefined ? {} : { expiresInDays: values.expiresInDays }),
      });
      setCreated(token);
      reset({ name: '', project: values.project, scope: values.scope, expiresInDays: '90' });
    } catch (error) {
      setError('root.server', { message: (error as Error).message });
    }
  });
  const { errors } = formState;
  const tokens = list.data ?? [];

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="new-token-title">
        <div className={cardStyles.header}>
          <h2 id="new-token-title">New token</h2>
        </div>
        <div className={cardStyles.body}>
          {created ? <NewToken created={created} onDone={() => setCreated(null)} /> : null}
          <form onSubmit={(e) => void onSubmit(e)} aria-label="New token" data-testid="token-form" noValidate>
            <div className={fieldStyles.row}>
              <TextField label="Name" error={errors.name} {...register('name')} data-testid="token-name" />
              <label className={fieldStyles.field}>
                <span className={fieldStyles.label}>Project</span>
                <select className={fieldStyles.select} {...register('project')} data-testid="token-project">
                  {/* a token for every project is for automation of the whole instance: admins only */}
                  {isAdmin ? <option value="">Every project (instance-wide)</option> : <option value="">Choose a project</option>}
                  {projects.map((p) => (
                    <option key={p.slug} value={p.slug}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className={fieldStyles.field}>
                <span className={fieldStyles.label}>Scope</span>
                <select className={fieldStyles.select} {...register('scope')} data-testid="token-scope">
                  {TOKEN_SCOPES.map((scope) => (
                    <option key={scope} value={scope}>
                      {SCOPE_LABELS[scope]}
                    </option>
                  ))}
                </select>
              </label>
              <label className={fieldStyles.field}>
                <span className={fieldStyles.label}>Expires after (days)</span>
                <input
                  className={fieldStyles.input}
                  inputMode="numeric"
                  {...register('expiresInDays')}
                  aria-invalid={errors.expiresInDays ? true : undefined}
                  aria-describedby="token-expiry-hint"
                  data-testid="token-expiry"
                />
                <span id="token-expiry-hint" className={fieldStyles.hint}>
                  Empty: never expires.
                </span>
                {errors.expiresInDays ? <span className={fieldStyles.error}>{errors.expiresInDays.message}</span> : null}
              </label>
            </div>
            <FormAlert message={errors.root?.server?.message} />
            <SubmitButton pending={formState.isSubmitting} pendingLabel="Creating…" data-testid="token-create">
              Create token
            </SubmitButton>
          </form>
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="tokens-title">
        <div className={cardStyles.header}>
          <h2 id="tokens-title">Your tokens</h2>
        </div>
        {list.error ? (
          <ReadError what="your tokens" message={errorMessage(list.error) ?? ''} stale={list.data !== undefined} inset />
        ) : null}
        {revoke.error ? <ReadError what="the revocation" message={errorMessage(revoke.error) ?? ''} inset /> : null}
        {list.isPending ? (
          <LoadingNote>Loading tokens…</LoadingNote>
        ) : tokens.length === 0 ? (
          <p className={cardStyles.message}>No tokens yet. Scripts, the SDK and the CLI send one as `Authorization: Bearer …`.</p>
        ) : (
          <div className={tableStyles.scroll}>
            <table className={tableStyles.table} data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Project</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expiry</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} data-token={token.name}>
                    <th scope="row">{token.name}</th>
                    <td className="mono">{token.prefix}…</td>
                    <td>{SCOPE_LABELS[token.scope]}</td>
                    <td>{token.project ?? 'every project'}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}</td>
                    <td>{tokenState(token)}</td>
                    <td>
                      {token.revokedAt ? null : (
                        <button
                          type="button"
                          className={buttonStyles.button}
                          disabled={revoke.isPending && revoke.variables === token.id}
                          onClick={() => revoke.mutate(token.id)}
                          aria-label={`Revoke ${token.name}`}
                          data-testid="token-revoke"
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
