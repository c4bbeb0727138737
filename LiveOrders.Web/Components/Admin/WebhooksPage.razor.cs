using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Core.Webhooks;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Admin;

/// <summary>An administrator subscribes other systems to order events (the secret shown once) and reads the delivery log.</summary>
public sealed partial class WebhooksPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private WebhookSubscriptions Subscriptions { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;

    private static readonly WebhookEventKinds[] Kinds = Enum.GetValues<WebhookEventKinds>()
        .Where(k => k is not WebhookEventKinds.None and not WebhookEventKinds.All).ToArray();

    private Actor? _actor;
    private IReadOnlyList<DepartmentRef> _departments = [];
    private IReadOnlyList<WebhookSubscriptionItem> _subscriptions = [];
    private IReadOnlyList<WebhookAttemptItem> _log = [];
    private string? _url;
    private IReadOnlyCollection<WebhookEventKinds> _kinds = [];
    private int? _departmentId;
    private string? _error;
    private string? _secret;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageWebhooks(_actor)) return;
        _departments = await Queries.DepartmentsAsync();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _subscriptions = await Subscriptions.ListAsync(_actor!);
        _log = await Subscriptions.LogAsync(_actor!);
    }

    private async Task CreateAsync()
    {
        var kinds = _kinds.Aggregate(WebhookEventKinds.None, (all, k) => all | k);
        var result = await Subscriptions.CreateAsync(_actor!, _url, kinds, _departmentId);
        _error = result.Ok ? null : result.Message;
        _secret = result.Ok ? result.Value!.Secret : null;
        if (result.Ok) (_url, _kinds) = (null, []);
        await ReloadAsync();
    }

    private static string KindText(WebhookEventKinds kind) => kind switch
    {
        WebhookEventKinds.Created => "создано",
        WebhookEventKinds.Sent => "отправлено",
        WebhookEventKinds.Accepted => "принято",
        WebhookEventKinds.Forwarded => "переадресовано",
        WebhookEventKinds.Submitted => "на проверке",
        WebhookEventKinds.Approved => "исполнено",
        WebhookEventKinds.Returned => "возвращено",
        WebhookEventKinds.Overdue => "просрочено",
        WebhookEventKinds.Commented => "комментарий",
        _ => kind.ToString(),
    };

    private static string KindsText(WebhookEventKinds kinds) =>
        kinds == WebhookEventKinds.All ? "все" : string.Join(", ", Kinds.Where(k => kinds.HasFlag(k)).Select(KindText));
}
