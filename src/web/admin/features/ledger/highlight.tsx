/** Search hits in the ledger: the terms marked in a title, and the server's snippet with its hits marked. */
import type { CSSProperties, ReactNode } from 'react';
import { theme } from 'antd';
import type { SearchMatch } from '../../api/types.ts';
import { markTerms, type Part } from './mark-terms.ts';

/** Parts as text with the hits in <mark>, on the theme's warning (yellow) background. */
export function Marked({ parts, style }: { parts: readonly Part[]; style?: CSSProperties }): ReactNode {
  const { token } = theme.useToken();
  const mark: CSSProperties = { background: token.colorWarningBgHover, color: 'inherit', padding: '0 1px', borderRadius: 2 };
  return (
    <span style={style}>
      {parts.map((p, i) => (p.hit ? <mark key={i} style={mark}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

/** A listed issue's title with the search terms marked and, under it, the snippet of its text (two lines at most). */
export function TitleWithMatch({ title, match }: { title: string; match: SearchMatch }) {
  return (
    <div data-testid="ledger-match" style={{ whiteSpace: 'normal', minWidth: 0 }}>
      <Marked parts={markTerms(title, match.terms)} />
      {match.snippet.length > 0 && (
        <div
          data-testid="ledger-snippet"
          style={{
            fontSize: 12, lineHeight: '18px', color: 'rgba(0,0,0,0.55)', marginTop: 2,
            display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', wordBreak: 'break-all',
          }}
        >
          <Marked parts={match.snippet} />
        </div>
      )}
    </div>
  );
}
