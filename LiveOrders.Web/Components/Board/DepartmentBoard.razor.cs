using LiveOrders.Core;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Components.Shared;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace LiveOrders.Web.Components.Board;

/// <summary>
/// A department's kanban board: renders its <see cref="BoardState"/> and forwards to it what
/// happens (a drop, a change on the live feed, a filter, the board's own timer). A drop asks the
/// service for the matching transition; the card moves only when the change has committed.
/// </summary>
public sealed partial class DepartmentBoard : IDisposable
{
    [Parameter, EditorRequired] public int DepartmentId { get; set; }
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OrderService Orders { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private DeadlineRules Deadlines { get; set; } = default!;
    [Inject] private IOptions<BoardOptions> Options { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<DepartmentBoard> Log { get; set; } = default!;

    private BoardState _state = default!;
    private readonly Dictionary<string, MudDropContainer<OrderListItem>> _containers = [];
    private IDisposable? _subscription;
    // Re-renders at the next instant a card turns amber or red, and every minute for the countdowns.
    private ITimer? _tick;
    // Set when a refresh failed: the board says it may be out of date instead of silently showing old cards.
    private bool _stale;
    private readonly CancellationTokenSource _closing = new();
    // Work nobody awaits (the feed, the timer): a failure is logged and the board says it may be stale.
    private ScreenTasks _tasks = default!;

    protected override async Task OnInitializedAsync()
    {
        _tasks = new ScreenTasks(Log, _ => InvokeAsync(() => { _stale = true; StateHasChanged(); }), _closing.Token);
        _state = new BoardState(Actor, DepartmentId, Options.Value, Deadlines, Time, card => Queries.BelongsOnBoard(card, DepartmentId));
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _state.Load(await Queries.BoardAsync(Actor, DepartmentId) ?? []);
        ArmTick();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Feed.Subscribe(
            change => Directory.IsCurrent(Actor) && _state.Concerns(change),
            change => InvokeAsync(() => _tasks.RunAsync($"a live change of order {change.OrderId}", async () =>
            {
                if (change.Kind == OrderChangeKind.Resync) await ReloadAsync();
                else _state.Apply(change);
                Rendered();
            })));
    }

    private void OnFilterChanged(BoardFilter filter)
    {
        _state.SetFilter(filter);
        Rendered();
    }

    private void ShowMore()
    {
        _state.ShowMore();
        Rendered();
    }

    private static bool InZone(OrderListItem card, string zone) => card.Status.ToString() == zone;

    private Task OnDropAsync(MudItemDropInfo<OrderListItem> drop) =>
        drop.Item is { } card && Enum.TryParse<OrderStatus>(drop.DropzoneIdentifier, out var to) ? MoveAsync((card, to)) : Task.CompletedTask;

    /// <summary>A drop on a column, or a pick from the card's «Переместить в…» menu.</summary>
    private async Task MoveAsync((OrderListItem Card, OrderStatus To) move)
    {
        var (card, to) = move;
        var decision = _state.BeginMove(card, to);
        if (decision.Command is not { } command)
        {
            if (decision.Refusal is { } reason) ShowRefusal(reason);
            Rendered();
            return;
        }
        Result<int> result;
        try
        {
            result = await Orders.ExecuteAsync(Actor, card.Id, card.Version, command);
        }
        catch
        {
            _state.MoveRefused(card, "Действие не выполнено.");
            throw;
        }
        if (result.Ok)
        {
            _state.MoveSucceeded(card, to, result.Value);
            Rendered();
            return;
        }
        var refusal = result.Message ?? "Действие не выполнено.";
        _state.MoveRefused(card, refusal);
        ShowRefusal(refusal);
        if (result.Failure is Failure.Conflict or Failure.NotFound)
        {
            // Show the fresh card (or drop it) right away, not only when the winner's event arrives.
            _state.Replace(card.Id, await Queries.CardAsync(Actor, card.Id));
        }
        Rendered();
    }

    /// <summary>The moves the person may make with a card, asked when its menu opens (the policy needs the whole order).</summary>
    private async Task<IReadOnlyList<(OrderStatus Status, string Title)>> MovesAsync(OrderListItem card)
    {
        var details = await Queries.GetAsync(Actor, card.Id);
        return details.Ok ? BoardState.MovesFor(card, details.Value!.AllowedActions) : [];
    }

    private void ShowRefusal(string reason) => Snackbar.Add($"Перемещение не выполнено. {reason}", Severity.Warning);

    /// <summary>
    /// The state changed: the board re-renders, then the drop zones re-sort their cards (they keep the order they first
    /// saw). In that order: a live change renders at once (not inside an event's batch), and a zone refreshed first
    /// re-sorted the cards it still had and put the arriving card at its column's end.
    /// </summary>
    private void Rendered()
    {
        var lanes = _state.Lanes.Select(l => l.Key).ToHashSet();
        foreach (var gone in _containers.Keys.Where(k => !lanes.Contains(k)).ToList()) _containers.Remove(gone);
        ArmTick();
        StateHasChanged();
        foreach (var container in _containers.Values) container?.Refresh();
    }

    private void ArmTick()
    {
        var wait = _state.NextRenderAt() - Time.UtcNow;
        _tick ??= Time.Clock.CreateTimer(_ => _tasks.Run("the board's timer", () => InvokeAsync(() =>
        {
            _state.Refresh();
            Rendered();
        })), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // A timer that fires a little early finds nothing changed and is armed again for the same instant.
        _tick.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _closing.Cancel();
        _subscription?.Dispose();
        _tick?.Dispose();
        _closing.Dispose();
    }
}
