using LiveOrders.Core.Control;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Control;

/// <summary>
/// Loads the panel's snapshot once, then follows the live feed: each change goes into the ticker at
/// once and the figures are recomputed right after (a burst of changes costs one query, not one each).
/// </summary>
public sealed partial class ControlDashboard : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    [Parameter, EditorRequired] public IReadOnlyList<DepartmentRef> Scope { get; set; } = [];
    [Parameter, EditorRequired] public Actor Viewer { get; set; } = default!;
    [Parameter] public bool Wall { get; set; }
    /// <summary>The department the wall is showing now, if any.</summary>
    [Parameter] public int? Focus { get; set; }
    /// <summary>Told after every refresh, with its time (the wall shows "обновлено …").</summary>
    [Parameter] public EventCallback<DateTime> OnUpdated { get; set; }

    [Inject] private ControlQueries Queries { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;

    private ControlSnapshot? _snapshot;
    private List<TickerItem> _ticker = [];
    private IDisposable? _subscription;
    private CancellationTokenSource? _pending;
    private ITimer? _tick;
    private HashSet<int> _scopeIds = [];

    private sealed record TrendView(string Label, int Received, int Done);

    private IEnumerable<TrendView> Trend => _snapshot?.Trend.Select(t => new TrendView(t.Day.ToString("dd.MM"), t.Received, t.Done)) ?? [];

    private DepartmentKpi? FocusKpi => Focus is { } id ? _snapshot?.Departments.FirstOrDefault(d => d.DepartmentId == id) : null;

    private IEnumerable<OverdueItem> Overdue => _snapshot is null ? []
        : FocusKpi is { } focus && Wall ? _snapshot.Overdue.Where(o => o.Department == focus.Name) : _snapshot.Overdue;

    protected override async Task OnInitializedAsync()
    {
        _scopeIds = Scope.Select(d => d.Id).ToHashSet();
        await RefreshAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Feed.Subscribe(
            c => Directory.IsCurrent(Viewer) && Concerns(c) && OrderPolicy.CanView(Viewer, c.Audience),
            change => InvokeAsync(() => Apply(change)));
    }

    private bool Concerns(OrderChanged c) =>
        _scopeIds.Contains(c.Audience.ExecutingDepartmentId) || c.PreviousExecutingDepartmentId is { } p && _scopeIds.Contains(p);

    private void Apply(OrderChanged change)
    {
        if (change is { Event: { } kind, Card: { } card })
        {
            var department = Scope.FirstOrDefault(d => d.Id == card.ExecutingDepartmentId)?.ShortName ?? card.ExecutingDepartment;
            _ticker.Insert(0, new TickerItem(-change.Version, change.At, card.Id, card.Number, card.Title, kind, department));
            if (_ticker.Count > ControlQueries.TickerLength) _ticker.RemoveRange(ControlQueries.TickerLength, _ticker.Count - ControlQueries.TickerLength);
            StateHasChanged();
        }
        _ = RefreshSoonAsync();
    }

    // At most one refresh per Settle, however many changes arrive: a steady stream never starves the figures.
    private async Task RefreshSoonAsync()
    {
        if (_pending is not null) return;
        var pending = _pending = new CancellationTokenSource();
        try
        {
            await Task.Delay(Settle, pending.Token);
            await InvokeAsync(async () =>
            {
                _pending = null;
                await RefreshAsync();
                StateHasChanged();
            });
        }
        catch (TaskCanceledException) { }
    }

    private async Task RefreshAsync()
    {
        _snapshot = await Queries.SnapshotAsync(Scope);
        _ticker = _snapshot.Ticker.ToList();
        // Also refresh at the next instant the figures change by themselves (an order falling due, midnight).
        _tick ??= Time.Clock.CreateTimer(_ => _ = InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }),
            null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var wait = _snapshot.NextChangeAt - Time.UtcNow;
        _tick.Change((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        await OnUpdated.InvokeAsync(_snapshot.At);
    }

    private static string LateText(OverdueItem o) => o.DaysLate switch
    {
        0 => "меньше суток",
        1 => "1 день",
        >= 2 and <= 4 => $"{o.DaysLate} дня",
        _ => $"{o.DaysLate} дней",
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _pending?.Cancel();
        _tick?.Dispose();
    }
}
