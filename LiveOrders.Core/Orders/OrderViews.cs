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
    int PingPongCount = 0,
    /// <summary>The latest ping-pong: the department the order returned to, and the one that sent it back (short names).</summary>
    string? PingPongReturnedTo = null,
    string? PingPongSentBackBy = null,
    bool TakenOffControl = false,
    bool ContainsPersonalData = false,
    /// <summary>Whether the order's type counts working time: its reminder, and so its «скоро срок», come in working hours.</summary>
    bool CountsWorkingTime = false);

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
    OrderSort? Sort = null,
    int? TypeId = null);

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
    CustodyView? Custody = null,
    OrderTypeRef? Type = null,
    PersonRef? Controller = null,
    DateTime? TakenOffControlAt = null,
    bool ContainsPersonalData = false,
    /// <summary>Whether the order's type counts working time (<see cref="OrderType.CountsWorkingTime"/>).</summary>
    bool CountsWorkingTime = false);

/// <summary>One stay of the chain of custody as the order page shows it: who held the order, from when, for how long.</summary>
/// <param name="Holder">The department's short name, or the issuing department's for a stay with the author.</param>
/// <param name="Duration">Until it ended, or until the moment the order was read for a stay still open.</param>
public sealed record CustodyStep(string Holder, bool WithAuthor, DateTime Since, DateTime? Until, TimeSpan Duration, CustodyStayEnd End, bool ArrivedBack);

/// <summary>A ping-pong by department names: <see cref="Loop"/> is the round the order made (ЖКХ → Архитектура → ЖКХ).</summary>
public sealed record PingPongItem(DateTime At, string ReturnedTo, string SentBackBy, IReadOnlyList<string> Loop);

/// <summary>The order's chain of custody (<see cref="CustodyChain"/>) with names and durations.</summary>
public sealed record CustodyView(IReadOnlyList<CustodyStep> Steps, IReadOnlyList<PingPongItem> PingPongs)
{
    public static readonly CustodyView Empty = new([], []);

    public static CustodyView Of(CustodyChain chain, DateTime now, Func<int, string> departmentName, string authorDepartment) => new(
        chain.Stays.Select(s => new CustodyStep(s.DepartmentId is { } d ? departmentName(d) : authorDepartment, s.WithAuthor,
            s.Since, s.Until, s.DurationAt(now), s.End, s.ArrivedBack)).ToList(),
        chain.PingPongs.Select(p => new PingPongItem(p.At, departmentName(p.ReturnedTo), departmentName(p.SentBackBy),
            p.Loop.Select(departmentName).ToList())).ToList());
}

/// <summary>An order's type (вид поручения) as shown on it.</summary>
public sealed record OrderTypeRef(int Id, string Name);
