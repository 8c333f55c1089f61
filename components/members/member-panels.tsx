"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { AddMemberForm } from "./add-member-form";
import { ImportMembers } from "./import-members";
import type { RoleGroupOption } from "./role-group-picker";

/** "Add member" and "Import CSV": one panel open at a time, so field ids stay unique on the page. */
export function MemberPanels({ roleGroups }: { roleGroups: RoleGroupOption[] }) {
  const [open, setOpen] = useState<"add" | "import" | null>(null);
  const close = () => setOpen(null);
  return (
    <div className="mb-6 space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button aria-expanded={open === "add"} onClick={() => setOpen(open === "add" ? null : "add")}>
          Add member
        </Button>
        <Button variant="secondary" aria-expanded={open === "import"} onClick={() => setOpen(open === "import" ? null : "import")}>
          Import CSV
        </Button>
      </div>
      {open === "add" && (
        <Card title="Add member">
          <AddMemberForm roleGroups={roleGroups} onDone={close} />
        </Card>
      )}
      {open === "import" && (
        <Card title="Import members from CSV">
          <ImportMembers onDone={close} />
        </Card>
      )}
    </div>
  );
}
