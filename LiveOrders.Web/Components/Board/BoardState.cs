using System.Collections.Concurrent;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;

namespace LiveOrders.Web.Components.Board;

/// <summary>
/// Everything a department's board knows, without rendering: its cards, the filters, the columns
/// and swimlanes with their «Показать ещё» pages, the WIP limits, how a live change lands, which
/// drops to send to the service, and when the board must re-render by itself. The component
/// renders it and forwards events to it.
/// </summary>
/// <param name="belongsOnBoard">Whether a changed card still belongs on this department's board (<see cref="OrderQueries.BelongsOnBoard"/>).</param>
public sealed class BoardState(
    Actor actor,
    int departmentId,
    BoardOptions options,
    DeadlineRules deadlines,
    MunicipalTime time,
    Func<OrderListItem, bool> belongsOnBoard)
{
    public const string Unassigned = "Исполнитель не назначен";

    // Read by the feed's filter on other threads (Concerns), written on the renderer's.
    private ConcurrentDictionary<int, OrderListItem>? _cards;
    private int _perColumn = options.CardsPerColumn;
    // A card being moved is asked for once, however many drops report it.
    private readonly HashSet<int> _moving = [];
    // The version each card had when this board moved it: a late report of that same drag is ours, not a conflict.
    private readonly Dictionary<int, int> _movedFrom = [];

    public Actor Actor => actor;
    public int DepartmentId => departmentId;
    public bool Loaded => _cards is not null;
    public BoardFilter Filter { get; private set; } = new();
    /// <summary>Why the last move was refused; shown until dismissed or the next move.</summary>
    public string? Message { get; private set; }
    public IReadOnlyList<BoardLane> Lanes { get; private set; } = [];
    public IReadOnlyList<Choice<int?>> Executors { get; private set; } = [];
    /// <summary>The cards rendered now (every lane, every column), for the drop container.</summary>
    public IReadOnlyList<OrderListItem> Visible { get; private set; } = [];
    /// <summary>
    /// Every card the filter lets through, column by column in the board's order and each column in its order, all of them
    /// (not only the page a column shows) and without swimlanes: what the board's export holds.
    /// </summary>
    public IReadOnlyList<BoardColumn> Matching { get; private set; } = [];

    public void Load(IEnumerable<OrderListItem> cards)
    {
        _cards = new ConcurrentDictionary<int, OrderListItem>(cards.Select(c => KeyValuePair.Create(c.Id, c)));
        Recompute();
    }

    public OrderListItem? Card(int id) => _cards?.GetValueOrDefault(id);

    public void SetFilter(BoardFilter filter)
    {
        Filter = filter;
        Recompute();
    }

    public void ShowMore()
    {
        _perColumn += options.CardsPerColumn;
        Recompute();
    }

    public void Dismiss() => Message = null;

    /// <summary>Recomputes what depends on the clock (urgency, the overdue filter): called when the board's timer fires.</summary>
    public void Refresh() => Recompute();

    public Urgency UrgencyOf(OrderListItem card) => deadlines.UrgencyOf(card, time.UtcNow);

    /// <summary>The WIP limit of a column when the department's cards there exceed it (filters and lanes aside: the limit is the department's).</summary>
    public int? ExceededLimit(OrderStatus status) =>
        options.WipLimits.TryGetValue(status, out var limit) && CountIn(status) > limit ? limit : null;

    public int CountIn(OrderStatus status) => _cards?.Values.Count(c => c.Status == status) ?? 0;

    /// <summary>
    /// The next instant the board changes by itself: a card turning amber or red, or the next minute of
    /// the countdowns, whichever comes first.
    /// </summary>
    public DateTime NextRenderAt()
    {
        var now = time.UtcNow;
        var next = now + TimeSpan.FromMinutes(1);
        foreach (var card in _cards?.Values ?? Enumerable.Empty<OrderListItem>())
        {
            if (deadlines.NextChange(card, now) is { } at && at < next) next = at;
        }
        return next;
    }

    /// <summary>Whether a change on the feed is for this board (safe on any thread).</summary>
    public bool Concerns(OrderChanged change) =>
        _cards is { } held && (change.Kind == OrderChangeKind.Resync || held.ContainsKey(change.OrderId)
            || (change.Concerns(departmentId) && OrderPolicy.CanView(actor, change.Audience)));

    /// <summary>Lands a committed change: the card appears, moves, or leaves when it is no longer this board's or this person's.</summary>
    public void Apply(OrderChanged change)
    {
        if (_cards is null || change.Kind == OrderChangeKind.Resync) return;
        var held = _cards.GetValueOrDefault(change.OrderId);
        if (change.Kind is OrderChangeKind.Commented or OrderChangeKind.Notice or OrderChangeKind.Attachments)
        {
            if (change.Kind == OrderChangeKind.Commented && held is not null)
                _cards[change.OrderId] = held with { CommentCount = held.CommentCount + 1 };
            else return;
        }
        else if (change.Card is { } card && OrderPolicy.CanView(actor, change.Audience) && belongsOnBoard(card))
        {
            if (held is not null && held.Version > card.Version) return;   // a late, older change
            _cards[card.Id] = card;
        }
        else if (!_cards.TryRemove(change.OrderId, out _))
        {
            return;
        }
        Recompute();
    }

    /// <summary>
    /// What a drop of <paramref name="dragged"/> (the card as it was when picked up) on a column asks for:
    /// the command to send, a refusal (also kept in <see cref="Message"/>), or nothing (a drop where it lay, a repeat).
    /// </summary>
    public BoardMove BeginMove(OrderListItem dragged, OrderStatus to)
    {
        if (_cards is null || dragged.Status == to) return BoardMove.None;
        if (BoardMoves.CommandFor(dragged.Status, to) is not { } command)
            return Refuse(BoardMoves.WhyNot(dragged.Status, to));
        if (_cards.GetValueOrDefault(dragged.Id) is { } held && held.Version != dragged.Version)
        {
            // The dragged card is older than the one on the board: either a repeated report of our own move
            // (nothing to do), or someone else changed the order while it was being dragged.
            return _movedFrom.GetValueOrDefault(dragged.Id, -1) == dragged.Version ? BoardMove.None : Refuse(OrderService.ConflictMessage);
        }
        if (!_moving.Add(dragged.Id)) return BoardMove.None;
        Message = null;
        return new BoardMove(command, null);
    }

    private BoardMove Refuse(string reason)
    {
        Message = reason;
        return new BoardMove(null, reason);
    }

    /// <summary>The service committed the move: the card moves at once (the feed brings the full card right after).</summary>
    public void MoveSucceeded(OrderListItem dragged, OrderStatus to, int newVersion)
    {
        _moving.Remove(dragged.Id);
        _movedFrom[dragged.Id] = dragged.Version;
        if (_cards!.TryGetValue(dragged.Id, out var current) && current.Version < newVersion)
            _cards[dragged.Id] = current with { Status = to, Version = newVersion };
        Recompute();
    }

    /// <summary>The service refused: the card stays where it is, and the reason is shown.</summary>
    public void MoveRefused(OrderListItem dragged, string reason)
    {
        _moving.Remove(dragged.Id);
        Message = reason;
    }

    /// <summary>The card as the database has it now (after a conflict), or gone.</summary>
    public void Replace(int id, OrderListItem? fresh)
    {
        if (_cards is null) return;
        if (fresh is not null && belongsOnBoard(fresh)) _cards[id] = fresh;
        else _cards.TryRemove(id, out _);
        Recompute();
    }

    /// <summary>The columns a card may be moved to from the menu, given what the policy allows this person on it.</summary>
    public static IReadOnlyList<(OrderStatus Status, string Title)> MovesFor(OrderListItem card, IReadOnlyCollection<OrderAction> allowed) =>
        BoardMoves.Columns.Where(c => BoardMoves.CommandFor(card.Status, c.Status) is { } command && allowed.Contains(command.Action)).ToList();

    private void Recompute()
    {
        if (_cards is null) return;
        var all = _cards.Values.ToList();
        Executors = all.Where(c => c.ResponsibleId is not null)
            .DistinctBy(c => c.ResponsibleId).OrderBy(c => c.Responsible)
            .Select(c => new Choice<int?>(Employee.ShortNameOf(c.Responsible!), c.ResponsibleId)).ToList();

        var now = time.UtcNow;
        var cards = all.Where(c => Filter.Matches(c, actor.EmployeeId, deadlines.UrgencyOf(c, now), time))
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id).ToList();
        Lanes = Filter.Swimlanes
            ? cards.GroupBy(c => (c.ResponsibleId, c.Responsible))
                .OrderBy(g => g.Key.ResponsibleId is null).ThenBy(g => g.Key.Responsible)
                .Select(g => LaneOf(g.Key.Responsible ?? Unassigned, g.Key.ResponsibleId?.ToString() ?? "none", g.ToList()))
                .ToList()
            : [LaneOf(null, "all", cards)];
        Visible = Lanes.SelectMany(l => l.Columns).SelectMany(c => c.Cards).ToList();
        Matching = LaneOf(null, "all", cards, int.MaxValue).Columns;
    }

    private BoardLane LaneOf(string? title, string key, List<OrderListItem> cards, int? perColumn = null) =>
        new(title, key, BoardMoves.Columns.Select(column =>
        {
            var inColumn = cards.Where(c => c.Status == column.Status).ToList();
            return new BoardColumn(column.Status, column.Title, inColumn.Take(perColumn ?? _perColumn).ToList(), inColumn.Count);
        }).ToList());
}
