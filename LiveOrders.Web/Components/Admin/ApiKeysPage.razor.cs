using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// An administrator issues keys to other systems (the secret shown once, in the dialog, and forgotten when it closes),
/// sees their scope and «последнее использование», and revokes them. The service decides who may; the page only asks.
/// </summary>
public sealed partial class ApiKeysPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ApiKeys Keys { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;

    private readonly DialogOptions _dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false };
    private Actor? _actor;
    private IReadOnlyList<ApiKeyItem> _keys = [];
    private IReadOnlyList<PersonRef> _people = [];
    private IReadOnlyList<DepartmentRef> _departments = [];

    private bool _dialogOpen;
    private string? _name;
    private int? _employeeId;
    private IReadOnlyCollection<int> _departmentIds = [];
    private bool _canWrite;
    private string? _error;
    private IssuedApiKey? _issued;
    private bool _copied;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageApiKeys(_actor)) return;
        _people = await Keys.EmployeesAsync();
        _departments = await Queries.DepartmentsAsync();
        _keys = await Keys.ListAsync(_actor);
    }

    private string DepartmentName(int id) => _departments.FirstOrDefault(d => d.Id == id)?.ShortName ?? "";

    private void OpenIssue()
    {
        (_name, _employeeId, _departmentIds, _canWrite, _error, _issued, _copied) = (null, null, [], false, null, null, false);
        _dialogOpen = true;
    }

    private async Task IssueAsync()
    {
        var result = await Keys.IssueAsync(_actor!, new ApiKeyRequest(_name, _employeeId, _departmentIds.ToList(), _canWrite));
        if (!result.Ok)
        {
            _error = result.Message;
            return;
        }
        (_error, _issued) = (null, result.Value);
        _keys = await Keys.ListAsync(_actor!);
    }

    private async Task CopyAsync()
    {
        if (_issued is null) return;
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", _issued.Secret);
            _copied = true;
        }
        catch (JSException)
        {
            // The browser refused (no permission, not a secure context): the key is still on screen to select by hand.
            _copied = false;
        }
    }

    /// <summary>Closing forgets the secret: the page never holds it again.</summary>
    private void CloseDialog()
    {
        (_issued, _name, _error, _copied) = (null, null, null, false);
        _dialogOpen = false;
    }

    private async Task RevokeAsync(ApiKeyItem key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Отозвать ключ?",
            $"Ключ «{key.Name}» перестанет действовать сразу: система, которая им пользуется, получит отказ. Отменить это нельзя.",
            yesText: "Отозвать", cancelText: "Отмена");
        if (confirmed != true) return;
        await Keys.RevokeAsync(_actor!, key.Id);
        _keys = await Keys.ListAsync(_actor!);
    }
}
