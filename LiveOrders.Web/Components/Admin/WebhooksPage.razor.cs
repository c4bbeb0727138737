using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Core.Webhooks;
using LiveOrders.Web.Components.Shared;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// An administrator subscribes other systems to order events (the secret shown once), manages each subscription
/// (<see cref="WebhookSubscriptionCard"/>) and reads the delivery log (<see cref="WebhookLog"/>).
/// <para>
/// The cards and the log follow the sender by themselves: every <see cref="RefreshEvery"/> the page reads the
/// subscriptions (state, queue counts) and the newest attempt's id, and re-renders only what changed. A poll, not the
/// live feed: the sender runs on one node (the lease holder), and the database is what every node shares.
/// </para>
/// </summary>
public sealed partial class WebhooksPage : IDisposable
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(3);

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private WebhookSubscriptions Subscriptions { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private IOptions<WebhookOptions> Options { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ILogger<WebhooksPage> Logger { get; set; } = default!;

    private Actor? _actor;
    private WebhookOptions _options = new();
    private IReadOnlyList<DepartmentRef> _departments = [];
    private IReadOnlyList<WebhookSubscriptionItem> _subscriptions = [];
    private WebhookLog? _log;
    private string? _url;
    private IReadOnlyCollection<WebhookEventKinds> _kinds = [];
    private int? _departmentId;
    private string? _error;
    private string? _errorField;
    private string? _secret;
    private int _secretFor;
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _watch;
    private long _lastAttemptId;
    private bool _refreshing;
    private bool _again;
    /// <summary>How many looks the watch has finished (tests wait on it to see that a look rendered nothing).</summary>
    internal int Looks => Volatile.Read(ref _looks);
    private int _looks;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        _options = Options.Value;
        _departments = await Queries.DepartmentsAsync();
        _lastAttemptId = await Subscriptions.LastAttemptIdAsync(_actor);
        _subscriptions = await Subscriptions.ListAsync(_actor);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only once interactive (never while prerendering), and only for whom the page shows the log.
        if (_watch is not null || _stop.IsCancellationRequested || _actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        // A failed look is logged and tried again at the next tick.
        var tasks = new ScreenTasks(Logger, _ => Task.CompletedTask, _stop.Token);
        _watch = Time.Clock.CreateTimer(_ => tasks.Run("webhook log refresh", () => InvokeAsync(RefreshAsync)), null, RefreshEvery, RefreshEvery);
    }

    /// <summary>The watch's tick: new attempts reach the log, new states and counts the cards; nothing changed, nothing renders.</summary>
    private async Task RefreshAsync()
    {
        // A slow database makes ticks overlap: one look at a time, and one more after it when a tick came meanwhile
        // (it may have come after a change the running look read too early to see).
        if (_refreshing) { _again = true; return; }
        _refreshing = true;
        try
        {
            do
            {
                _again = false;
                await LookAsync();
            } while (_again && !_stop.IsCancellationRequested);
        }
        finally { _refreshing = false; }
    }

    private async Task LookAsync()
    {
        var lastAttemptId = await Subscriptions.LastAttemptIdAsync(_actor!, _stop.Token);
        var subscriptions = await Subscriptions.ListAsync(_actor!, _stop.Token);
        var cardsChanged = !subscriptions.SequenceEqual(_subscriptions);
        // A delivery's state also changes without an attempt (retried or cancelled elsewhere): the counts show it.
        if ((cardsChanged || lastAttemptId != _lastAttemptId) && _log is not null) await _log.RefreshAsync();
        _lastAttemptId = lastAttemptId;
        Interlocked.Increment(ref _looks);
        if (!cardsChanged) return;
        _subscriptions = subscriptions;
        StateHasChanged();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _watch?.Dispose();
    }

    private async Task ReloadSubscriptionsAsync() => _subscriptions = await Subscriptions.ListAsync(_actor!);

    private async Task ReloadAsync()
    {
        await ReloadSubscriptionsAsync();
        if (_log is not null) await _log.ReloadAsync();
    }

    private async Task CreateAsync()
    {
        var kinds = _kinds.Aggregate(WebhookEventKinds.None, (all, k) => all | k);
        var result = await Subscriptions.CreateAsync(_actor!, _url, kinds, _departmentId);
        // A refusal keeps what was typed, so it can be corrected.
        (_error, _errorField) = result.Ok ? (null, null) : (result.Message, result.Field);
        if (!result.Ok) return;
        ShowSecret(result.Value!.Id, result.Value.Secret);
        (_url, _kinds, _departmentId) = (null, [], null);
        await ReloadAsync();
    }

    /// <summary>After a card's change: a new secret is shown (once); any other change hides the one shown before.</summary>
    private async Task ChangedAsync(int subscriptionId, string? secret)
    {
        (_error, _errorField) = (null, null);
        if (secret is not null) ShowSecret(subscriptionId, secret);
        else _secret = null;
        await ReloadAsync();
    }

    private void ShowSecret(int subscriptionId, string secret) => (_secret, _secretFor) = (secret, subscriptionId);
}
