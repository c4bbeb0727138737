using LiveOrders.Core.Live;
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
/// The cards and the log follow the sender by themselves, pushed, not polled: the sender (on whichever node holds its
/// lease) and the administrators' use cases tell <see cref="WebhookActivity"/> after each change, which the cluster relay
/// carries to every node; an order change (on the live feed) may queue deliveries, which the cards count. The page then
/// reads the subscriptions and the log again, with its own filters, and re-renders only what changed.
/// </para>
/// </summary>
public sealed partial class WebhooksPage : IDisposable
{
    /// <summary>
    /// How long a burst of changes is gathered into one re-read. The sender records up to hundreds of attempts a second
    /// and a re-read is three queries (subscriptions with their counts, the log's 100 rows): one per second keeps an
    /// open page cheap during a backlog, and a new attempt still shows while the administrator looks.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private WebhookSubscriptions Subscriptions { get; set; } = default!;
    [Inject] private WebhookActivity Activity { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
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
    private ITimer? _settle;
    private IDisposable? _orders;
    // 1 while a re-read is due (the settle timer armed, or a look about to start): further changes join it.
    private int _due;
    private bool _refreshing;
    private bool _again;
    /// <summary>How many looks have finished (tests wait on it to see that a look rendered nothing).</summary>
    internal int Looks => Volatile.Read(ref _looks);
    private int _looks;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        _options = Options.Value;
        _departments = await Queries.DepartmentsAsync();
        _subscriptions = await Subscriptions.ListAsync(_actor);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Only once interactive (never while prerendering), and only for whom the page shows the log.
        if (_settle is not null || _stop.IsCancellationRequested || _actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        // A failed look is logged; the next change tries again.
        var tasks = new ScreenTasks(Logger, _ => Task.CompletedTask, _stop.Token);
        _settle = Time.Clock.CreateTimer(_ => tasks.Run("webhook log refresh", () => InvokeAsync(RefreshAsync)), null,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Activity.Changed += OnChanged;
        _orders = Feed.Subscribe(_ => true, _ =>
        {
            OnChanged();
            return Task.CompletedTask;
        });
    }

    /// <summary>Raised on the changing thread (the sender's, the feed's): only arms the settle timer, once per burst.</summary>
    private void OnChanged()
    {
        if (_stop.IsCancellationRequested || Interlocked.Exchange(ref _due, 1) == 1) return;
        try { _settle?.Change(Settle, Timeout.InfiniteTimeSpan); }
        catch (ObjectDisposedException) { /* closed meanwhile */ }
    }

    /// <summary>New attempts reach the log, new states and counts the cards; nothing changed, nothing renders.</summary>
    private async Task RefreshAsync()
    {
        // A slow database makes a look outlast the next burst's wait: one look at a time, and one more after it when
        // the timer fired meanwhile (its change may have come after the running look had read).
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
        // A change from now on arms the timer again: this look may read too early to see it.
        Volatile.Write(ref _due, 0);
        var subscriptions = await Subscriptions.ListAsync(_actor!, _stop.Token);
        // The log reads itself with its filters, and renders only when a row changed.
        if (_log is not null) await _log.RefreshAsync();
        Interlocked.Increment(ref _looks);
        if (subscriptions.SequenceEqual(_subscriptions)) return;
        _subscriptions = subscriptions;
        StateHasChanged();
    }

    public void Dispose()
    {
        _stop.Cancel();
        Activity.Changed -= OnChanged;
        _orders?.Dispose();
        _settle?.Dispose();
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
