import type { VNode } from 'preact';
import type { AccusedNoticeFields } from '../domain/accused-notice.js';
import { messages } from './messages.js';
import { formatInstant } from './console/format.js';

/** The notice and the name of the foundation that sends it. */
export interface AccusedNoticeProps {
  readonly foundationName: string;
  readonly notice: AccusedNoticeFields;
}

function conductItemLabel(item: string): string {
  const labels: Readonly<Record<string, string>> = messages.cases.conductItems;
  return labels[item] ?? item;
}

/**
 * The notice to the accused, exactly as they receive it: the staff console's preview and the
 * accused's own page both render it with this one function, from the non-identifying fields only.
 */
export function renderAccusedNotice({ foundationName, notice }: AccusedNoticeProps): VNode {
  const text = messages.cases.accusedNotice;
  return (
    <article class="accused-notice" aria-labelledby="accused-notice-heading">
      <h2 id="accused-notice-heading">{text.heading(foundationName)}</h2>
      <p>{text.intro(foundationName)}</p>
      <h3>{text.behaviourHeading}</h3>
      <p class="preserve-lines">{notice.behaviour}</p>
      <h3>{text.whereHeading}</h3>
      <p>{notice.venue}</p>
      {notice.conductItems.length > 0 && (
        <>
          <h3>{text.itemsHeading}</h3>
          <ul>
            {notice.conductItems.map((item) => (
              <li key={item}>{conductItemLabel(item)}</li>
            ))}
          </ul>
        </>
      )}
      {notice.message !== '' && (
        <>
          <h3>{text.messageHeading}</h3>
          <p class="preserve-lines">{notice.message}</p>
        </>
      )}
      <h3>{text.responseHeading}</h3>
      <p>{text.responseText(formatInstant(notice.responseDeadline))}</p>
      <h3>{text.noContactHeading}</h3>
      <p>{text.noContactText}</p>
    </article>
  );
}
