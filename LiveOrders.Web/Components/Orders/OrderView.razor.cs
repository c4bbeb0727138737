using LiveOrders.Core;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using MudBlazor;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// One order, live. Built for one <see cref="OrderId"/> only (the page keys it), so every piece of
/// state here and in its children belongs to that order and is disposed with it.
/// </summary>
public sealed partial class OrderView
{
    [Parameter, EditorRequired] public int OrderId { get; set; }
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private OrderReadLog ReadLog { get; set; } = default!;
    [Inject] private PersistentComponentState ApplicationState { get; set; } = default!;
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? _actor;
    private OrderDetails? _details;
    private bool _notFound;
    private string? _message;
    private IDisposable? _subscription;
    private PersistingComponentStateSubscription? _persisting;
    private readonly Guid _session = Guid.NewGuid();
    private string Topic => $"order:{OrderId}";

    /// <summary>Carries «this opening is recorded» from the prerender to the circuit that takes the same page over.</summary>
    private string OpenedKey => $"order-opened-{OrderId}";

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        // One opening, one record (152-ФЗ): a page loaded in full is rendered twice, first on the server and then by its
        // circuit, and only the first records it; a circuit's own navigation has no prerender and records it itself.
        var recorded = ApplicationState.TryTakeFromJson<bool>(OpenedKey, out var opened) && opened;
        await LoadAsync(open: !recorded);
        if (HttpContext is not null && _details is not null)
            _persisting = ApplicationState.RegisterOnPersisting(() =>
            {
                ApplicationState.PersistAsJson(OpenedKey, true);
                return Task.CompletedTask;
            });
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Subscribed once interactive (after-render never runs while prerendering), as soon as the viewer is known;
        // each change to this order re-reads it (the service re-checks access).
        if (_subscription is null && _actor is { } actor)
            _subscription = Feed.Subscribe(c => (c.OrderId == OrderId || IsSubOrderChange(c)) && Directory.IsCurrent(actor),
                change => InvokeAsync(() => ApplyAsync(change)));
    }

    /// <summary>A change to one of this order's sub-orders (a new one names this order as its parent).</summary>
    private bool IsSubOrderChange(OrderChanged change) =>
        change.Kind != OrderChangeKind.Commented
        && (change.Audience.ParentId == OrderId || (_details?.SubOrders.Any(s => s.Id == change.OrderId) ?? false));

    /// <summary>A comment is appended as it came; any other change re-reads this one order (its actions depend on it).</summary>
    private async Task ApplyAsync(OrderChanged change)
    {
        if (_actor is null || _details is null) return;
        if (change.OrderId != OrderId && change.Kind != OrderChangeKind.Resync)
        {
            // A sub-order changed: re-read so the tree shows it as the viewer may see it now (the query re-checks access).
            await LoadAsync();
            StateHasChanged();
            return;
        }
        if (change.Kind == OrderChangeKind.Resync)
        {
            await LoadAsync();
        }
        else if (!OrderPolicy.CanView(_actor, change.Audience))
        {
            (_details, _notFound) = (null, true);
        }
        else if (change is { Kind: OrderChangeKind.Commented, Comment: { } comment })
        {
            if (_details.Comments.All(c => c.Id != comment.Id))
                _details = _details with { Comments = [.. _details.Comments, comment] };
        }
        else if (change.Kind == OrderChangeKind.Attachments)
        {
            // A file attached or removed: its line in the history (the list of files follows the feed itself).
            await LoadAsync();
        }
        else if (change.IsNewerThan(_details.Version))
        {
            await LoadAsync();
            if (change.ActorId != _actor.EmployeeId && change.Event is { } e)
                _message = $"Поручение только что изменилось: {e.Russian().ToLowerInvariant()}.";
        }
        StateHasChanged();
    }

    /// <param name="open">Whether this is the person opening the order (recorded for personal data), not a refresh.</param>
    private async Task LoadAsync(bool open = false)
    {
        if (_actor is null) { _notFound = true; return; }
        var result = open ? await ReadLog.OpenAsync(_actor, OrderId, ReadChannel.Page) : await Queries.GetAsync(_actor, OrderId);
        _details = result.Value;
        _notFound = !result.Ok;
        // While prerendering, a real 404 for an order that is absent or not visible (no title leaks either way).
        // .NET 10 sends a component's 404 without a body; the status page, re-executed, says what is missing.
        if (_notFound && HttpContext is { Response.HasStarted: false } http) http.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task OnExecutedAsync(ActionOutcome outcome)
    {
        var (action, result) = outcome;
        await LoadAsync();   // the fresh state after success, a conflict or a refusal alike
        if (result.Ok)
        {
            _message = null;
            if (_notFound && action == OrderAction.Forward)
            {
                Snackbar.Add("Поручение переадресовано. Оно больше не в вашем подразделении.", Severity.Success);
                Navigation.NavigateTo("/department");
                return;
            }
            Snackbar.Add(action.DoneMessage(), Severity.Success);
            return;
        }
        // A conflict says "another user changed it; here is the fresh state", and the page now shows that state.
        Snackbar.Add(result.Message ?? "Действие не выполнено.", result.Failure == Failure.Conflict ? Severity.Warning : Severity.Error);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _persisting?.Dispose();
    }
}
