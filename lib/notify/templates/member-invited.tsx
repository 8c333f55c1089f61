import { EmailCard, FactsTable, Paragraph, emailOf, factsText } from "./email-parts";

/** To a person an administrator just added: where to sign in, and what they may do there. */
export interface MemberInvitedProps {
  organisation: string;
  /** Who added them: a name or an email. */
  invitedBy: string;
  email: string;
  /** Their admin roles as labels; empty for a plain requestor. */
  roles: string[];
  roleGroups: string[];
  guest: boolean;
  link: string;
}

export function memberInvitedSubject({ organisation, invitedBy }: MemberInvitedProps) {
  return `${invitedBy} added you to ${organisation} on Elevate`;
}

const summary = ({ organisation, invitedBy, guest }: MemberInvitedProps) =>
  `${invitedBy} added you to ${organisation}'s privileged access service${guest ? " as a guest" : ""}. There you ask for just-in-time admin access, and use it once it is approved.`;

function facts({ email, roles, roleGroups, guest }: MemberInvitedProps): [string, string][] {
  return [
    ["Sign in as", email],
    ["Admin roles", roles.length ? roles.join(", ") : guest ? "None (guest)" : "None (requestor)"],
    ["Standing role groups", roleGroups.length ? roleGroups.join(", ") : "None"],
  ];
}

const closing = "Sign in with this email address. If you did not expect this, you can ignore it.";

export function MemberInvitedEmail(props: MemberInvitedProps) {
  return (
    <EmailCard heading={`You are invited to ${props.organisation}`} action={{ href: props.link, label: "Sign in to Elevate" }}>
      <Paragraph>{summary(props)}</Paragraph>
      <FactsTable facts={facts(props)} />
      <Paragraph>{closing}</Paragraph>
    </EmailCard>
  );
}

export function memberInvitedText(props: MemberInvitedProps) {
  return [summary(props), "", factsText(facts(props)), "", `Sign in to Elevate: ${props.link}`, "", closing].join("\n");
}

export function renderMemberInvited(props: MemberInvitedProps) {
  return emailOf(memberInvitedSubject(props), <MemberInvitedEmail {...props} />, memberInvitedText(props));
}
