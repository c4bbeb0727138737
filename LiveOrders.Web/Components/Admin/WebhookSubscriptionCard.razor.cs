using LiveOrders.Core;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Webhooks;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Admin;

/// <summary>One subscription with what an administrator does to it: test, switch off/on, replace the secret, delete.</summary>
public sealed partial class WebhookSubscriptionCard
{
    [Inject] private WebhookSubscriptions Subscriptions { get; set; } = default!;

    [Parameter, EditorRequired] public WebhookSubscriptionItem Item { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    /// <summary>After a change; carries the new secret when one was made (to be shown once, by the page).</summary>
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    private bool _busy;
    private bool _confirmDelete;
    private WebhookAnswer? _answer;
    private string? _error;

    private async Task TestAsync()
    {
        _busy = true;
        (_answer, _error) = (null, null);
        try
        {
            var result = await Subscriptions.TestAsync(Actor, Item.Id);
            if (result.Ok) _answer = result.Value;
            else _error = result.Message;
        }
        finally { _busy = false; }
    }

    private async Task ToggleAsync() => await AfterAsync(await Subscriptions.SetActiveAsync(Actor, Item.Id, !Item.Active), null);

    private async Task RotateAsync()
    {
        var result = await Subscriptions.RotateSecretAsync(Actor, Item.Id);
        await AfterAsync(result, result.Ok ? result.Value : null);
    }

    private async Task DeleteAsync()
    {
        _confirmDelete = false;
        await AfterAsync(await Subscriptions.DeleteAsync(Actor, Item.Id), null);
    }

    private async Task AfterAsync(Result result, string? secret)
    {
        (_answer, _error) = (null, result.Ok ? null : result.Message);
        if (result.Ok) await OnChanged.InvokeAsync(secret);
    }
}
