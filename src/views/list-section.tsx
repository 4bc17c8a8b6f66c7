/** A titled section holding one list: the shape of most of the public pages' explanations. */
export function ListSection(props: {
  readonly id: string;
  readonly heading: string;
  readonly lead?: string;
  readonly items: readonly string[];
  /** Numbered steps (styled as such) instead of bullets. */
  readonly ordered?: boolean;
}) {
  const headingId = `${props.id}-heading`;
  const items = props.items.map((item) => <li key={item}>{item}</li>);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{props.heading}</h2>
      {props.lead === undefined ? null : <p>{props.lead}</p>}
      {props.ordered ? <ol class="steps">{items}</ol> : <ul>{items}</ul>}
    </section>
  );
}
