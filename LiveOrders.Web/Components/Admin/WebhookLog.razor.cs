using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Core.Webhooks;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Admin;

/// <summary>The delivery log: every attempt, filtered by subscription and outcome, with its body and «Повторить» for what was given up.</summary>
public sealed partial class WebhookLog
{
    [Inject] private WebhookSubscriptions Service { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    /// <summary>Every subscription, deleted ones too: their log stays readable.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<WebhookSubscriptionItem> Subscriptions { get; set; } = [];
    /// <summary>After «Повторить», so the page can refresh the queue counts.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private int? _subscriptionId;
    private WebhookLogOutcome _outcome;
    private IReadOnlyList<WebhookAttemptItem> _rows = [];
    private readonly HashSet<long> _open = [];
    private string? _error;
    private int _reads;

    protected override Task OnInitializedAsync() => ReloadAsync();

    public async Task ReloadAsync()
    {
        if (await ReadAsync() is { } rows) _rows = rows;
    }

    /// <summary>
    /// Reads the log again with the chosen filters (the open bodies stay open) and re-renders only when a row changed.
    /// Called by the page after a change it was told of (<see cref="WebhookActivity"/>), off any event of this component.
    /// </summary>
    public async Task RefreshAsync()
    {
        if (await ReadAsync() is not { } rows || rows.SequenceEqual(_rows)) return;
        _rows = rows;
        StateHasChanged();
    }

    /// <summary>The log for the filters as they are now; null when a later read began meanwhile (its filters may differ).</summary>
    private async Task<IReadOnlyList<WebhookAttemptItem>?> ReadAsync()
    {
        var read = ++_reads;
        var rows = await Service.LogAsync(Actor, new WebhookLogFilter(_subscriptionId, _outcome));
        return read == _reads ? rows : null;
    }

    private async Task SubscriptionChangedAsync(int? id)
    {
        _subscriptionId = id;
        await ReloadAsync();
    }

    private async Task OutcomeChangedAsync(WebhookLogOutcome outcome)
    {
        _outcome = outcome;
        await ReloadAsync();
    }

    private void TogglePayload(long attemptId)
    {
        if (!_open.Remove(attemptId)) _open.Add(attemptId);
    }

    private async Task RetryAsync(long deliveryId)
    {
        var result = await Service.RetryAsync(Actor, deliveryId);
        _error = result.Ok ? null : result.Message;
        await ReloadAsync();
        if (result.Ok) await OnChanged.InvokeAsync();
    }
}
