using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;

namespace LiveOrders.Core.Live;

public enum OrderChangeKind
{
    Created,
    Transition,
    Commented,
    /// <summary>Nothing in the order changed, but people were notified about it (a "due soon" reminder).</summary>
    Notice,
    /// <summary>A file was attached to the order or removed from it; the order itself (and its version) did not change.</summary>
    Attachments,
    /// <summary>The subscriber fell behind and changes were skipped: reload what you show.</summary>
    Resync,
}

/// <summary>
/// What the live feed carries after a change has committed: who it concerns (to decide who may
/// receive it) and the new card or comment, so that every open screen applies it in place without
/// a round trip to the database.
/// </summary>
public sealed record OrderChanged(
    OrderChangeKind Kind,
    int OrderId,
    int Version,
    OrderAudience Audience,
    int? PreviousExecutingDepartmentId,
    int? ActorId,
    DateTime At,
    OrderEventKind? Event = null,
    OrderListItem? Card = null,
    CommentItem? Comment = null,
    IReadOnlyList<NotificationItem>? Notifications = null)
{
    public static OrderChanged Resync(DateTime at) =>
        new(OrderChangeKind.Resync, 0, 0, new OrderAudience(OrderStatus.Draft, 0, 0, 0, null, []), null, null, at);

    /// <summary>
    /// Whether this change is news to a screen that holds the order at <paramref name="heldVersion"/>. The watcher's
    /// stamps (overdue, escalation) keep the version, so a change of the same version from it (no actor) still is.
    /// </summary>
    public bool IsNewerThan(int heldVersion) =>
        Version > heldVersion || (Version == heldVersion && ActorId is null && Kind == OrderChangeKind.Transition);

    /// <summary>The departments whose boards and lists this change touches.</summary>
    public bool Concerns(int departmentId) =>
        Audience.ExecutingDepartmentId == departmentId
        || Audience.IssuingDepartmentId == departmentId
        || PreviousExecutingDepartmentId == departmentId;
}
