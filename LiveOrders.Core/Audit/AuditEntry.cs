namespace LiveOrders.Core.Audit;

/// <summary>
/// One change in the system, append-only: who made it, when, from which address, to what, and what changed
/// («Срок: было → стало»). Written in the same save as the change; <see cref="Data.LiveOrdersDbContext"/> refuses to
/// update or delete one (<see cref="AuditTrail"/>).
/// </summary>
public sealed class AuditEntry
{
    public const int SummaryMaxLength = 500;
    public const int AddressMaxLength = 64;

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    /// <summary>The employee who made the change; null for the system (start-up, directory sign-in, the deadline watcher).</summary>
    public int? ActorId { get; private set; }
    /// <summary>The actor's name as it was then, so the entry reads the same after they are renamed.</summary>
    public string ActorName { get; private set; } = "";
    /// <summary>What was done, a stable code such as <c>department.created</c> or <c>apikey.revoked</c>.</summary>
    public string Action { get; private set; } = "";
    /// <summary>The kind of thing changed: <c>Department</c>, <c>Employee</c>, <c>ApiKey</c>, <c>Order</c>, …</summary>
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    /// <summary>One Russian line for the log viewer.</summary>
    public string Summary { get; private set; } = "";
    /// <summary>Field changes, one per line («Название: «А» → «Б»»); empty when the summary says it all.</summary>
    public string Changes { get; private set; } = "";
    /// <summary>The viewer's filter group, derived from the entity and the action.</summary>
    public AuditKind Kind { get; private set; }
    /// <summary>The client's IP address the change came from; null for the system's own work.</summary>
    public string? Address { get; private set; }
    /// <summary>The order the entry is about, if any (its id is filled in by the save, also for an order created in it).</summary>
    public int? OrderId { get; private set; }
    internal Orders.Order? Order { get; private set; }
    /// <summary>
    /// Name, summary, changes, action and entity in lower case: the text filter matches it with LIKE, which in SQLite
    /// ignores case only for Latin letters, and the log is Russian.
    /// </summary>
    public string SearchText { get; private set; } = "";
    /// <summary>The actor's name in lower case, for the person filter (the same reason).</summary>
    public string ActorKey { get; private set; } = "";

    private AuditEntry() { }

    /// <param name="address">Where the change came from; left out, the save stamps the ambient <see cref="AuditOrigin"/>'s.</param>
    /// <param name="kind">The filter group; left out, it follows from <paramref name="entityType"/> and <paramref name="action"/>.</param>
    public static AuditEntry Create(DateTime at, int? actorId, string actorName, string action, string entityType, string entityId,
        string summary, IEnumerable<string>? changes = null, string? address = null, AuditKind? kind = null)
    {
        var entry = new AuditEntry
        {
            At = at,
            ActorId = actorId,
            ActorName = actorName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary,
            Changes = changes is null ? "" : string.Join('\n', changes),
            Kind = kind ?? AuditKinds.Of(entityType, action),
            Address = Trim(address),
            ActorKey = Normalize(actorName),
        };
        entry.SearchText = Normalize($"{entry.ActorName}\n{entry.Summary}\n{entry.Changes}\n{entry.Action}\n{entry.EntityId}");
        return entry;
    }

    /// <summary>An entry about an order, linked to it so that a new order's id reaches the entry in the same save.</summary>
    internal static AuditEntry ForOrder(Orders.Order order, DateTime at, int? actorId, string actorName, string action, AuditKind kind,
        string summary, IEnumerable<string> changes)
    {
        var entry = Create(at, actorId, actorName, action, nameof(Orders.Order), order.Number, summary, changes, kind: kind);
        entry.Order = order;
        if (order.Id > 0) entry.OrderId = order.Id;
        return entry;
    }

    /// <summary>An entry about an order that is not loaded (a file attached beside it, a comment).</summary>
    internal static AuditEntry ForOrder(int orderId, string number, DateTime at, int? actorId, string actorName, string action, AuditKind kind,
        string summary, IEnumerable<string> changes)
    {
        var entry = Create(at, actorId, actorName, action, nameof(Orders.Order), number, summary, changes, kind: kind);
        entry.OrderId = orderId > 0 ? orderId : null;
        return entry;
    }

    /// <summary>Called by the save for a new entry written without an address: the ambient origin's.</summary>
    internal void StampAddress(string? address) => Address ??= Trim(address);

    /// <summary>Lower case, the way the filters' needles are normalised too.</summary>
    public static string Normalize(string? text) => (text ?? "").ToLowerInvariant();

    private static string? Trim(string? address) =>
        string.IsNullOrWhiteSpace(address) ? null : address.Length > AddressMaxLength ? address[..AddressMaxLength] : address;
}
