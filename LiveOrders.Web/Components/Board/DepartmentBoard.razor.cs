using System.Collections.Concurrent;
using LiveOrders.Core;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Radzen;
using Radzen.Blazor;

namespace LiveOrders.Web.Components.Board;

/// <summary>
/// A department's kanban board. It loads its cards once, then keeps them current from the live
/// feed, applying each change to the card it concerns; a drag asks the service for the matching
/// transition and the card only moves when the change has committed.
/// </summary>
public sealed partial class DepartmentBoard : IDisposable
{
    [Parameter, EditorRequired] public int DepartmentId { get; set; }
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OrderService Orders { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [Inject] private IOptions<BoardOptions> Options { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;

    // Read by the feed's filter on other threads, written on the renderer's.
    private ConcurrentDictionary<int, OrderListItem>? _cards;
    private BoardFilter _filter = new();
    private IReadOnlyList<Choice<int?>> _executors = [];
    private int _visiblePerColumn;
    private HashSet<int> _visible = [];
    private string? _message;
    private IDisposable? _subscription;
    // A drop over another card is reported twice (by the card and by the column): one move, asked for once.
    private readonly HashSet<int> _moving = [];
    private readonly Dictionary<int, int> _movedFrom = [];
    // Re-renders at the next instant a card turns amber or red, and every minute for the countdowns.
    private ITimer? _tick;

    private sealed record Lane(string? Title, IReadOnlyList<OrderListItem> Cards);

    protected override async Task OnInitializedAsync()
    {
        _visiblePerColumn = Options.Value.CardsPerColumn;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var cards = await Queries.BoardAsync(Actor, DepartmentId) ?? [];
        _cards = new ConcurrentDictionary<int, OrderListItem>(cards.Select(c => KeyValuePair.Create(c.Id, c)));
        Recompute();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Feed.Subscribe(
            change => Directory.IsCurrent(Actor) && _cards is { } held && (held.ContainsKey(change.OrderId)
                || (change.Concerns(DepartmentId) && OrderPolicy.CanView(Actor, change.Audience))),
            change => InvokeAsync(async () =>
            {
                if (change.Kind == OrderChangeKind.Resync) await ReloadAsync();
                else Apply(change);
                StateHasChanged();
            }));
    }

    private void Apply(OrderChanged change)
    {
        if (_cards is null) return;
        var held = _cards.GetValueOrDefault(change.OrderId);
        if (change.Kind == OrderChangeKind.Commented)
        {
            if (held is not null) _cards[change.OrderId] = held with { CommentCount = held.CommentCount + 1 };
        }
        else if (change.Card is { } card && OrderPolicy.CanView(Actor, change.Audience) && Queries.BelongsOnBoard(card, DepartmentId))
        {
            if (held is null || held.Version <= card.Version) _cards[card.Id] = card;
        }
        else
        {
            // Forwarded away, cancelled, or no longer visible to this person: the card leaves, nothing else is shown.
            _cards.TryRemove(change.OrderId, out _);
        }
        Recompute();
    }

    private void OnFilterChanged(BoardFilter filter)
    {
        _filter = filter;
        Recompute();
    }

    private void ShowMore()
    {
        _visiblePerColumn += Options.Value.CardsPerColumn;
        Recompute();
    }

    /// <summary>Filtered cards, the executors to filter by, and which cards fit under each column's limit.</summary>
    private void Recompute()
    {
        if (_cards is null) return;
        ArmTick();
        _executors = _cards.Values.Where(c => c.ResponsibleId is not null)
            .DistinctBy(c => c.ResponsibleId).OrderBy(c => c.Responsible)
            .Select(c => new Choice<int?>(Employee.ShortNameOf(c.Responsible!), c.ResponsibleId)).ToList();
        _visible = Filtered().GroupBy(c => (c.Status, Lane: _filter.Swimlanes ? c.ResponsibleId : null))
            .SelectMany(g => g.OrderBy(c => c.DueAt).Take(_visiblePerColumn)).Select(c => c.Id).ToHashSet();
    }

    private IEnumerable<OrderListItem> Filtered() =>
        (_cards?.Values ?? Enumerable.Empty<OrderListItem>()).Where(c => _filter.Matches(c, Actor.EmployeeId, Time));

    private IEnumerable<Lane> Lanes()
    {
        var cards = Filtered().OrderBy(c => c.DueAt).ToList();
        if (!_filter.Swimlanes)
            return [new Lane(null, cards)];
        return cards.GroupBy(c => c.Responsible)
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key)
            .Select(g => new Lane(g.Key ?? "Исполнитель не назначен", g.ToList()));
    }

    private void ArmTick()
    {
        var now = Time.UtcNow;
        var boundaries = _cards!.Values.Where(c => c.Status.IsAwaitingExecution())
            .SelectMany(c => new[] { c.DueAt - TimeSpan.FromHours(24), c.DueAt })
            .Where(t => t > now);
        var next = boundaries.Append(now + TimeSpan.FromMinutes(1)).Min() - now;
        _tick ??= Time.Clock.CreateTimer(_ => _ = InvokeAsync(() => { Recompute(); StateHasChanged(); }),
            null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _tick.Change(next + TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
    }

    private int? WipLimit(OrderStatus status) => Options.Value.WipLimits.TryGetValue(status, out var limit) ? limit : null;

    private static bool InColumn(OrderListItem card, RadzenDropZone<OrderListItem> zone) => zone.Value is OrderStatus s && card.Status == s;

    private static bool CanDrop(RadzenDropZoneItemEventArgs<OrderListItem> args) =>
        args.ToZone is not null && args.FromZone != args.ToZone;

    private void HideBeyondLimit(RadzenDropZoneItemRenderEventArgs<OrderListItem> args) =>
        args.Visible = args.Visible && args.Item is { } card && _visible.Contains(card.Id);

    private async Task OnDropAsync(RadzenDropZoneItemEventArgs<OrderListItem> args)
    {
        if (args.Item is not { } card || args.ToZone?.Value is not OrderStatus to || card.Status == to) return;
        if (BoardMoves.CommandFor(card.Status, to) is not { } command)
        {
            Refuse(BoardMoves.WhyNot(card.Status, to));
            return;
        }
        if (_cards?.GetValueOrDefault(card.Id) is { } held && held.Version != card.Version)
        {
            // The dragged card is older than the one on the board: either the second report of our own move
            // (nothing to do), or someone else changed the order while it was being dragged.
            if (_movedFrom.GetValueOrDefault(card.Id) != card.Version) Refuse(OrderService.ConflictMessage);
            return;
        }
        if (!_moving.Add(card.Id)) return;
        Result<int> result;
        try
        {
            result = await Orders.ExecuteAsync(Actor, card.Id, card.Version, command);
        }
        finally
        {
            _moving.Remove(card.Id);
        }
        if (result.Ok)
        {
            _movedFrom[card.Id] = card.Version;
            // Moved here at once; the feed brings the full card (to this board and every other) right after.
            if (_cards!.TryGetValue(card.Id, out var current) && current.Version < result.Value)
                _cards[card.Id] = current with { Status = to, Version = result.Value };
            Recompute();
            return;
        }
        Refuse(result.Message ?? "Действие не выполнено.");
        if (result.Failure is Failure.Conflict or Failure.NotFound)
        {
            // Show the fresh card (or drop it) right away, not only when the winner's event arrives.
            var fresh = await Queries.CardAsync(Actor, card.Id);
            if (fresh is not null && Queries.BelongsOnBoard(fresh, DepartmentId)) _cards![card.Id] = fresh;
            else _cards!.TryRemove(card.Id, out _);
            Recompute();
        }
    }

    // The card stays where it was (it never moved locally); the reason is shown on the board and as a toast.
    private void Refuse(string message)
    {
        _message = message;
        Notifications.Notify(NotificationSeverity.Warning, "Перемещение не выполнено", message, 6000);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _tick?.Dispose();
    }
}
