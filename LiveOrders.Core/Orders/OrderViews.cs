namespace LiveOrders.Core.Orders;

/// <summary>A row of an order list or a card of a board.</summary>
public sealed record OrderListItem(
    int Id,
    string Number,
    string Title,
    OrderStatus Status,
    Priority Priority,
    DateTime DueAt,
    bool IsOverdue,
    bool OnControl,
    string IssuingDepartment,
    string ExecutingDepartment,
    int ExecutingDepartmentId,
    int? ResponsibleId,
    string? Responsible,
    int ForwardCount,
    int CommentCount,
    int Version,
    DateTime? CompletedAt = null,
    bool ContainsPersonalData = false);

public sealed record OrderPage(IReadOnlyList<OrderListItem> Items, int Total);

public enum OrderScope
{
    /// <summary>Where I am the author, the responsible executor or a co-executor.</summary>
    Mine,
    /// <summary>Executed or issued by my department (or those I supervise).</summary>
    Department,
    /// <summary>Everything I may see.</summary>
    All,
}

public sealed record OrderFilter(
    OrderScope Scope = OrderScope.Department,
    string? Search = null,
    OrderStatus? Status = null,
    Priority? Priority = null,
    bool OverdueOnly = false,
    bool OpenOnly = false,
    int? DepartmentId = null,
    int Skip = 0,
    int Take = 50,
    OrderSort? Sort = null);

public sealed record PersonRef(int Id, string FullName, string Position, string Department);

public sealed record HistoryItem(long Id, OrderEventKind Kind, DateTime At, string? Actor, string? Reason,
    string? FromDepartment, string? ToDepartment, string? Employee, DateTime? DueAt, int? Mark, string? DelayReason = null);

public sealed record CommentItem(long Id, int AuthorId, string Author, string Text, DateTime At);

/// <summary>Everything the order page shows, including what the viewer may do.</summary>
public sealed record OrderDetails(
    int Id,
    string Number,
    string Title,
    string Text,
    OrderStatus Status,
    Priority Priority,
    DateTime DueAt,
    bool IsOverdue,
    bool OnControl,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    int? QualityMark,
    int ForwardCount,
    int Version,
    PersonRef Author,
    int IssuingDepartmentId,
    string IssuingDepartment,
    int ExecutingDepartmentId,
    string ExecutingDepartment,
    PersonRef? Responsible,
    IReadOnlyList<PersonRef> CoExecutors,
    DateTime? RequestedDueAt,
    string? ExtensionReason,
    string? ExtensionRequestedBy,
    OrderListItem? Parent,
    IReadOnlyList<OrderListItem> SubOrders,
    IReadOnlyList<HistoryItem> History,
    IReadOnlyList<CommentItem> Comments,
    IReadOnlyList<OrderAction> AllowedActions,
    bool ContainsPersonalData = false);
