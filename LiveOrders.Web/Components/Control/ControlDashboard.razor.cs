using LiveOrders.Core.Control;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveOrders.Web.Components.Control;

/// <summary>
/// Loads the panel's snapshot once, then follows the live feed: each change goes into the ticker at
/// once and the figures are recomputed right after (a burst of changes costs one query, not one each).
/// Whether the figures are current is reported to the page (<see cref="OnFreshnessChanged"/>): a failed
/// refresh, or a lost connection to the server, makes the screen stale until a refresh succeeds again.
/// </summary>
public sealed partial class ControlDashboard : IAsyncDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);
    /// <summary>After a failed refresh the next try comes this much later.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    [Parameter, EditorRequired] public IReadOnlyList<DepartmentRef> Scope { get; set; } = [];
    [Parameter, EditorRequired] public Actor Viewer { get; set; } = default!;
    [Parameter] public bool Wall { get; set; }
    /// <summary>The department the wall is showing now, if any.</summary>
    [Parameter] public int? Focus { get; set; }
    /// <summary>Told whenever the figures become current or stop being so.</summary>
    [Parameter] public EventCallback<Freshness> OnFreshnessChanged { get; set; }

    [Inject] private ControlQueries Queries { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<ControlDashboard> Logger { get; set; } = default!;

    private readonly CancellationTokenSource _stop = new();
    private ScreenTasks _tasks = default!;
    private ControlSnapshot? _snapshot;
    private List<TickerItem> _ticker = [];
    private Freshness _freshness = Freshness.Unknown;
    private IDisposable? _subscription;
    private bool _refreshPending;
    private ITimer? _tick;
    private HashSet<int> _scopeIds = [];
    private bool _watching;
    private readonly string _watchId = Guid.NewGuid().ToString("N");
    private DotNetObjectReference<ControlDashboard>? _self;

    private DepartmentKpi? FocusKpi => Focus is { } id ? _snapshot?.Departments.FirstOrDefault(d => d.DepartmentId == id) : null;

    // The wall lists every department's overdue orders (a rotation onto a department with none must not leave
    // a quarter of the screen empty), the one on screen first.
    private IReadOnlyList<OverdueItem> Overdue => _snapshot is null ? []
        : FocusKpi is { } focus && Wall ? _snapshot.Overdue.OrderBy(o => o.Department == focus.Name ? 0 : 1).ToList() : _snapshot.Overdue;

    protected override async Task OnInitializedAsync()
    {
        _tasks = new ScreenTasks(Logger, _ => InvokeAsync(MarkFailedAsync), _stop.Token);
        _scopeIds = Scope.Select(d => d.Id).ToHashSet();
        // The figures change by themselves when an order falls due or the day turns; a failed refresh is retried.
        _tick = Time.Clock.CreateTimer(_ => _tasks.Run("scheduled refresh", () => InvokeAsync(RefreshAndRenderAsync)),
            null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await _tasks.RunAsync("first load", RefreshAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        _subscription = Feed.Subscribe(
            c => Directory.IsCurrent(Viewer) && Concerns(c) && OrderPolicy.CanView(Viewer, c.Audience),
            change => InvokeAsync(() => Apply(change)));
        _self = DotNetObjectReference.Create(this);
        await _tasks.RunAsync("watching the connection", async () =>
        {
            await JS.InvokeVoidAsync("loConnection.watch", _stop.Token, _self, _watchId);
            _watching = true;
        });
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
        // At most one refresh per Settle, however many changes arrive: a steady stream never starves the figures.
        if (_refreshPending) return;
        _refreshPending = true;
        _tasks.Run("refresh after a change", async () =>
        {
            await Task.Delay(Settle, _stop.Token);
            await InvokeAsync(async () =>
            {
                _refreshPending = false;
                await RefreshAndRenderAsync();
            });
        });
    }

    private async Task RefreshAndRenderAsync()
    {
        await RefreshAsync();
        StateHasChanged();
    }

    private async Task RefreshAsync()
    {
        _snapshot = await Queries.SnapshotAsync(Scope, _stop.Token);
        _ticker = _snapshot.Ticker.ToList();
        var wait = _snapshot.NextChangeAt - Time.UtcNow;
        _tick?.Change((wait > TimeSpan.Zero ? wait : TimeSpan.Zero) + TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        await SetFreshnessAsync(_freshness.Refreshed(_snapshot.At));
    }

    /// <summary>A refresh failed: the screen says since when it is stale, and tries again a little later.</summary>
    private async Task MarkFailedAsync()
    {
        _refreshPending = false;
        _tick?.Change(RetryAfter, Timeout.InfiniteTimeSpan);
        await SetFreshnessAsync(_freshness.Lost(Time.UtcNow));
        StateHasChanged();
    }

    /// <summary>
    /// The browser got its connection back (the same circuit). The screen stays stale from the instant the
    /// browser lost it until a refresh succeeds; the browser shows green again only when this returns true.
    /// </summary>
    [JSInvokable]
    public async Task<bool> ConnectionRestoredAsync(long lostAtUnixMs)
    {
        var lostAt = DateTimeOffset.FromUnixTimeMilliseconds(lostAtUnixMs).UtcDateTime;
        await SetFreshnessAsync(_freshness.Lost(lostAt));
        StateHasChanged();
        await _tasks.RunAsync("refresh after reconnecting", RefreshAsync);
        StateHasChanged();
        return _freshness.IsCurrent;
    }

    private async Task SetFreshnessAsync(Freshness freshness)
    {
        if (freshness == _freshness) return;
        _freshness = freshness;
        await OnFreshnessChanged.InvokeAsync(freshness);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _tick?.Dispose();
        if (_watching)
        {
            try
            {
                await JS.InvokeVoidAsync("loConnection.unwatch", _watchId);
            }
            catch (Exception e) when (e is JSDisconnectedException or OperationCanceledException or ObjectDisposedException)
            {
                // The circuit is gone, or going; so is the page.
            }
        }
        _self?.Dispose();
    }
}
