import { EmailCard, FactsTable, Paragraph } from "./email-parts";
import type { MemberInvitedProps } from "../email-payload";

/** To a person an administrator just added: where to sign in, and what they may do there. */
function facts({ email, roles, roleGroups, guest }: MemberInvitedProps): [string, string][] {
  return [
    ["Sign in as", email],
    ["Admin roles", roles.length ? roles.join(", ") : guest ? "None (guest)" : "None (requestor)"],
    ["Standing role groups", roleGroups.length ? roleGroups.join(", ") : "None"],
  ];
}

export function MemberInvitedEmail(props: MemberInvitedProps & { subject: string }) {
  const { organisation, invitedBy, guest } = props;
  return (
    <EmailCard title={props.subject} heading={`You are invited to ${organisation}`} action={{ href: props.link, label: "Sign in to Elevate" }}>
      <Paragraph>
        {`${invitedBy} added you to ${organisation}'s privileged access service${guest ? " as a guest" : ""}. There you ask for just-in-time admin access, and use it once it is approved.`}
      </Paragraph>
      <FactsTable facts={facts(props)} />
      <Paragraph>Sign in with this email address. If you did not expect this, you can ignore it.</Paragraph>
    </EmailCard>
  );
}
