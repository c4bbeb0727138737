using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// The departments' tree for an administrator: add, edit, head, switch off and on. Every change goes through
/// <see cref="DepartmentAdministration"/>; the page reloads the tree after each and shows the service's message.
/// Everyone else gets the usual «page not found», so the page does not even say it exists.
/// </summary>
public sealed partial class DepartmentsPage : IDisposable
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private DepartmentAdministration Departments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private StructureChanges Structure { get; set; } = default!;

    private Actor? _actor;
    private bool _allowed;
    private IReadOnlyList<DepartmentRow>? _rows;
    private IReadOnlyList<PersonRef> _deputies = [];
    private bool _showInactive;
    private string? _message;
    private Severity _messageSeverity = Severity.Success;

    private IEnumerable<DepartmentRow> Visible => (_rows ?? []).Where(r => _showInactive || r.IsActive);

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _allowed = _actor is not null && AccessPolicy.CanManageOrganization(_actor);
        if (!_allowed) return;
        await LoadAsync();
        Structure.DepartmentsChanged += OnDepartmentsChanged;
    }

    // Another administrator changed the tree: show it (this one's own changes reload anyway).
    private void OnDepartmentsChanged() => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    public void Dispose() => Structure.DepartmentsChanged -= OnDepartmentsChanged;

    private async Task LoadAsync()
    {
        var tree = await Departments.TreeAsync(_actor!);
        _rows = tree.Value ?? [];
        _deputies = await Departments.DeputiesAsync(_actor!);
    }

    private int Depth(DepartmentRow row)
    {
        var depth = 0;
        for (var parent = row.ParentId; parent is { } id && depth < 10; parent = _rows!.FirstOrDefault(r => r.Id == id)?.ParentId) depth++;
        return depth;
    }

    private Task EditAsync(DepartmentRow? row) => OpenAsync(row, null);

    private Task AddUnderAsync(DepartmentRow parent) => OpenAsync(null, parent.Id);

    private async Task OpenAsync(DepartmentRow? row, int? parentId)
    {
        var parameters = new DialogParameters<DepartmentDialog>
        {
            { d => d.Actor, _actor! },
            { d => d.Tree, _rows! },
            { d => d.Deputies, _deputies },
            { d => d.Row, row },
            { d => d.ParentId, parentId ?? _rows!.FirstOrDefault(r => r.ParentId is null)?.Id },
        };
        var dialog = await Dialogs.ShowAsync<DepartmentDialog>(row is null ? "Новое подразделение" : "Подразделение", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            Show(row is null ? "Подразделение создано." : "Изменения сохранены.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task HeadAsync(DepartmentRow row)
    {
        var parameters = new DialogParameters<HeadDialog> { { d => d.Actor, _actor! }, { d => d.Row, row } };
        var dialog = await Dialogs.ShowAsync<HeadDialog>("Начальник", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is { Canceled: false })
        {
            Show("Начальник назначен.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeactivateAsync(DepartmentRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Отключить подразделение?",
            $"«{row.Name}» пропадёт из выбора исполнителей. Его поручения и история останутся доступны.", yesText: "Отключить", cancelText: "Отмена");
        if (confirmed != true) return;
        await RunAsync(Departments.DeactivateAsync(_actor!, row.Id), "Подразделение отключено.");
    }

    private Task ReactivateAsync(DepartmentRow row) => RunAsync(Departments.ReactivateAsync(_actor!, row.Id), "Подразделение снова действует.");

    private async Task RunAsync(Task<LiveOrders.Core.Result> action, string done)
    {
        var result = await action;
        Show(result.Ok ? done : result.Message!, result.Ok ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }

    private void Show(string message, Severity severity) => (_message, _messageSeverity) = (message, severity);
}
