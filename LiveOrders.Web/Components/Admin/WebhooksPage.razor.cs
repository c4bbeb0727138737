using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// An administrator subscribes other systems to order events (the secret shown once), manages each subscription
/// (<see cref="WebhookSubscriptionCard"/>) and reads the delivery log (<see cref="WebhookLog"/>).
/// </summary>
public sealed partial class WebhooksPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private WebhookSubscriptions Subscriptions { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private IOptions<WebhookOptions> Options { get; set; } = default!;

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

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        _options = Options.Value;
        _departments = await Queries.DepartmentsAsync();
        _subscriptions = await Subscriptions.ListAsync(_actor);
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
