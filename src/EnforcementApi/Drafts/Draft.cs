using System.ComponentModel;
using System.Text.Json.Nodes;

namespace EnforcementApi.Drafts;

[Description("What a draft item proposes to write: a figure, a statement, or an entity the API does not have yet.")]
public enum DraftItemKind { Figure, Statement, Entity }

[Description("Where a draft item stands: `proposed`, `accepted` (its record was written; `recordId` names it) or `rejected` (kept, not written).")]
public enum DraftItemState { Proposed, Accepted, Rejected }
