namespace LiveOrders.Core.Audit;

/// <summary>
/// One administrative change, append-only: who made it, when, to what, and what changed
/// («ФИО: было → стало»). Order changes have their own history (<see cref="Orders.OrderEvent"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int SummaryMaxLength = 500;

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    /// <summary>The employee who made the change; null for the system (start-up, directory sign-in).</summary>
    public int? ActorId { get; private set; }
    /// <summary>The actor's name as it was then, so the entry reads the same after they are renamed.</summary>
    public string ActorName { get; private set; } = "";
    /// <summary>What was done, a stable code such as <c>department.created</c> or <c>apikey.revoked</c>.</summary>
    public string Action { get; private set; } = "";
    /// <summary>The kind of thing changed: <c>Department</c>, <c>Employee</c>, <c>ApiKey</c>, …</summary>
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    /// <summary>One Russian line for the log viewer.</summary>
    public string Summary { get; private set; } = "";
    /// <summary>Field changes, one per line («Название: «А» → «Б»»); empty when the summary says it all.</summary>
    public string Changes { get; private set; } = "";

    private AuditEntry() { }

    public static AuditEntry Create(DateTime at, int? actorId, string actorName, string action, string entityType, string entityId,
        string summary, IEnumerable<string>? changes = null) => new()
    {
        At = at,
        ActorId = actorId,
        ActorName = actorName,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Summary = summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary,
        Changes = changes is null ? "" : string.Join('\n', changes),
    };
}
