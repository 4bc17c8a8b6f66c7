import type { CaseEvent } from '../../domain/case-events.js';
import { messages } from '../messages.js';
import { caseRef, formatInstant } from './format.js';

/** Display names of staff by id, to say who did what. */
export type StaffNames = ReadonlyMap<string, string>;

function Fact({ label, children }: { readonly label: string; readonly children: unknown }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class="preserve-lines">{children as string}</dd>
    </>
  );
}

function yesNo(value: boolean): string {
  return value ? messages.cases.fields.yes : messages.cases.fields.no;
}

function lines(values: readonly string[]): string {
  return values.length === 0 ? messages.cases.eventFields.none : values.join('\n');
}

/** The facts an event records, as a definition list; an empty fragment when there are none. */
function EventFacts({ event, names }: { readonly event: CaseEvent; readonly names: StaffNames }) {
  const f = messages.cases.fields;
  const e = messages.cases.eventFields;
  const name = (id: string) => names.get(id) ?? messages.cases.casePage.unknownPerson;
  switch (event.type) {
    case 'case_received': {
      const intake = event.intake;
      const how =
        intake.channel === 'staff_entered'
          ? (intake.oral ? e.oral : e.written)(
              messages.cases.reportForm.media[intake.medium],
              name(intake.writtenDownBy),
            )
          : e.intakeChannels[intake.channel];
      return (
        <dl class="facts">
          <Fact label={e.intake}>{how}</Fact>
          <Fact label={e.account}>{event.account}</Fact>
        </dl>
      );
    }
    case 'danger_assessed':
      return (
        <dl class="facts">
          <Fact label={e.immediateDanger}>{yesNo(event.immediateDanger)}</Fact>
        </dl>
      );
    case 'authorities_contacted':
      return (
        <dl class="facts">
          <Fact label={f.contactedBy}>{event.contactedBy}</Fact>
          <Fact label={f.contactedAt}>{formatInstant(event.contactedAt)}</Fact>
          <Fact label={f.reference}>{event.reference}</Fact>
        </dl>
      );
    case 'initial_report_recorded':
      return (
        <dl class="facts">
          <Fact label={f.accused}>{lines(event.accused)}</Fact>
          <Fact label={f.behaviour}>{event.behaviour}</Fact>
          <Fact label={f.timeAndCircumstances}>{event.timeAndCircumstances}</Fact>
          <Fact label={f.othersInvolved}>{lines(event.othersInvolved)}</Fact>
          <Fact label={f.anonymityRequested}>{yesNo(event.anonymityRequested)}</Fact>
          <Fact label={f.venue}>{event.venue}</Fact>
          <Fact label={f.conductItems}>
            {lines(
              event.conductItems.map(
                (item) =>
                  (messages.cases.conductItems as Readonly<Record<string, string>>)[item] ?? item,
              ),
            )}
          </Fact>
        </dl>
      );
    case 'initial_response_recorded':
      return (
        <dl class="facts">
          <Fact label={f.needsHelp}>{messages.cases.answers[event.needsHelp]}</Fact>
          <Fact label={f.wantsSafePerson}>{messages.cases.answers[event.wantsSafePerson]}</Fact>
          <Fact label={f.needsSafeSpace}>{messages.cases.answers[event.needsSafeSpace]}</Fact>
          <Fact label={f.message}>{event.message}</Fact>
          {event.makeItRightFlagged && <Fact label={e.flagged}>{f.yes}</Fact>}
        </dl>
      );
    case 'executive_director_notified':
      return (
        <dl class="facts">
          <Fact label={e.recipient}>{e.recipients[event.recipient]}</Fact>
        </dl>
      );
    case 'determinations_recorded':
      return (
        <dl class="facts">
          <Fact label={f.outsideHelpNeeded}>{yesNo(event.outsideHelpNeeded)}</Fact>
          <Fact label={f.publicCommunicationsNeeded}>
            {yesNo(event.publicCommunicationsNeeded)}
          </Fact>
          <Fact label={f.moreInformationNeeded}>{yesNo(event.moreInformationNeeded)}</Fact>
          {event.note !== '' && <Fact label={f.note}>{event.note}</Fact>}
        </dl>
      );
    case 'accused_notified':
      return (
        <dl class="facts">
          <Fact label={e.deadline}>{formatInstant(event.responseDeadline)}</Fact>
          {event.message !== '' && <Fact label={f.accusedMessage}>{event.message}</Fact>}
        </dl>
      );
    case 'response_recorded':
      return (
        <dl class="facts">
          <Fact label={f.summary}>{event.summary}</Fact>
        </dl>
      );
    case 'review_recorded':
      return (
        <dl class="facts">
          <Fact label={e.participants}>{lines(event.participantIds.map(name))}</Fact>
          <Fact label={f.conclusion}>{messages.cases.conclusions[event.conclusion]}</Fact>
          <Fact label={e.jointMeeting}>
            {event.jointMeeting === null ? e.none : event.jointMeeting.neutralThirdParty}
          </Fact>
          {event.note !== '' && <Fact label={f.note}>{event.note}</Fact>}
        </dl>
      );
    case 'sanctions_imposed':
      return (
        <dl class="facts">
          {event.sanctions.map((sanction, index) => (
            <Fact key={index} label={messages.cases.sanctions[sanction.kind]}>
              {`${e.period(
                formatInstant(sanction.starts),
                sanction.ends === 'indefinite' ? e.indefinite : formatInstant(sanction.ends),
              )}${sanction.venues.length > 0 ? `\n${e.venues}: ${sanction.venues.join(', ')}` : ''}`}
            </Fact>
          ))}
        </dl>
      );
    case 'accused_informed':
      return event.message === '' ? (
        <></>
      ) : (
        <dl class="facts">
          <Fact label={f.accusedInformMessage}>{event.message}</Fact>
        </dl>
      );
    case 'complainant_informed':
      return (
        <dl class="facts">
          <Fact label={f.message}>{event.message}</Fact>
          <Fact label={f.othersInformed}>{lines(event.othersInformed)}</Fact>
        </dl>
      );
    case 'complainant_messaged':
      return (
        <dl class="facts">
          <Fact label={f.message}>{event.message}</Fact>
        </dl>
      );
    case 'case_closed':
      return (
        <dl class="facts">
          <Fact label={f.outcome}>{event.outcome}</Fact>
        </dl>
      );
    case 'stop_requested':
    case 'conflict_declared':
    case 'marked_as_spam':
      return event.note === '' ? (
        <></>
      ) : (
        <dl class="facts">
          <Fact label={f.note}>{event.note}</Fact>
        </dl>
      );
    case 'staff_party_recused':
      return (
        <dl class="facts">
          <Fact label={f.staffId}>{name(event.staffId)}</Fact>
        </dl>
      );
    case 'case_routed':
      return (
        <dl class="facts">
          <Fact label={e.route}>{e.routes[event.route]}</Fact>
        </dl>
      );
    case 'people_named':
      return (
        <dl class="facts">
          <Fact label={f.namedStaff}>{lines(event.staffIds.map(name))}</Fact>
        </dl>
      );
    case 'merged_into':
      return (
        <p>
          {e.survivor}{' '}
          <a href={`/console/cases/${event.survivorCaseId}`}>{caseRef(event.survivorCaseId)}</a>
        </p>
      );
    case 'case_absorbed':
      return (
        <p>
          {e.absorbed}{' '}
          <a href={`/console/cases/${event.absorbedCaseId}`}>{caseRef(event.absorbedCaseId)}</a>
        </p>
      );
    case 'information_added':
      return (
        <dl class="facts">
          {event.text !== '' && <Fact label={f.note}>{event.text}</Fact>}
          {event.attachmentIds.length > 0 && (
            <Fact label={e.account}>{e.attachments(event.attachmentIds.length)}</Fact>
          )}
        </dl>
      );
    case 'response_window_closed':
      return <></>;
  }
}

/** One timeline of everything recorded on the case, oldest first. */
export function CaseTimeline({
  events,
  names,
}: {
  readonly events: readonly CaseEvent[];
  readonly names: StaffNames;
}) {
  const text = messages.cases.casePage;
  return (
    <ol class="timeline">
      {events.map((event, index) => {
        const who =
          event.actorId === 'public-intake'
            ? text.publicIntake
            : (names.get(event.actorId) ?? text.unknownPerson);
        return (
          <li key={index} id={`event-${index + 1}`}>
            <h3>{messages.cases.events[event.type]}</h3>
            <p class="hint">{text.by(who, formatInstant(event.at))}</p>
            <EventFacts event={event} names={names} />
          </li>
        );
      })}
    </ol>
  );
}
