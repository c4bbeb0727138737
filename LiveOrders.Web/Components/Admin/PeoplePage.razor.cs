using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// People for an administrator: a filtered list and the actions on each person. Every action goes through
/// <see cref="PeopleAdministration"/>; one-time passwords are shown once, on this page, and kept nowhere else.
/// Everyone else gets the usual «page not found».
/// </summary>
public sealed partial class PeoplePage : IDisposable
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private PeopleAdministration People { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;

    private Actor? _actor;
    private bool _allowed;
    private IReadOnlyList<PersonRow>? _rows;
    private IReadOnlyList<DepartmentRef> _departments = [];
    private PeopleFilter _filter = new();
    private (string Login, string Password)? _secret;
    private string? _message;
    private Severity _messageSeverity = Severity.Success;

    private static DialogOptions Options => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _allowed = _actor is not null && AccessPolicy.CanManageOrganization(_actor);
        if (!_allowed) return;
        _departments = await Queries.DepartmentsAsync();
        await LoadAsync();
        Directory.Changed += OnPersonChanged;
    }

    // Someone's rights changed (here or by another administrator): the list shows it; a stale edit is refused as a conflict anyway.
    private void OnPersonChanged(int employeeId) => _ = InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    public void Dispose() => Directory.Changed -= OnPersonChanged;

    private async Task LoadAsync() => _rows = (await People.ListAsync(_actor!, _filter)).Value ?? [];

    private async Task FilterAsync(PeopleFilter filter)
    {
        _filter = filter;
        await LoadAsync();
    }

    private string DepartmentName(int? id) => _departments.FirstOrDefault(d => d.Id == id)?.Name ?? "";

    private static string ActiveText(bool? active) => active switch { true => "Действующие", false => "Отключённые", null => "Все" };

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<PersonDialog> { { d => d.Actor, _actor! }, { d => d.Departments, _departments } };
        var closed = await (await Dialogs.ShowAsync<PersonDialog>("Новый сотрудник", parameters, Options)).Result;
        if (closed is { Canceled: false, Data: CreatedPerson created })
        {
            (_secret, _message) = ((created.Login, created.Password), null);
            await LoadAsync();
        }
    }

    private async Task EditAsync(PersonRow row, PersonDialogMode mode)
    {
        var parameters = new DialogParameters<PersonDialog>
        {
            { d => d.Actor, _actor! }, { d => d.Departments, _departments }, { d => d.Row, row }, { d => d.Mode, mode },
        };
        var closed = await (await Dialogs.ShowAsync<PersonDialog>(row.FullName, parameters, Options)).Result;
        if (closed is { Canceled: false })
        {
            Show("Изменения сохранены.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task DeactivateAsync(PersonRow row)
    {
        var parameters = new DialogParameters<DeactivatePersonDialog> { { d => d.Actor, _actor! }, { d => d.Row, row } };
        var closed = await (await Dialogs.ShowAsync<DeactivatePersonDialog>("Отключить", parameters, Options)).Result;
        if (closed is { Canceled: false })
        {
            Show($"{row.FullName} отключён: войти больше не сможет.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ReactivateAsync(PersonRow row) =>
        await RunAsync(People.ReactivateAsync(_actor!, row.Id, row.Version), $"{row.FullName} снова может войти.");

    private async Task UnlockAsync(PersonRow row) =>
        await RunAsync(People.UnlockAsync(_actor!, row.Id), $"Блокировка снята: {row.FullName}.");

    private async Task ResetPasswordAsync(PersonRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Сбросить пароль?",
            $"Прежний пароль {row.FullName} перестанет действовать, открытые сеансы завершатся.", yesText: "Сбросить", cancelText: "Отмена");
        if (confirmed != true) return;
        var result = await People.ResetPasswordAsync(_actor!, row.Id);
        if (result.Ok) (_secret, _message) = ((row.Login!, result.Value!), null);
        else Show(result.Message!, Severity.Warning);
    }

    private async Task RunAsync(Task<LiveOrders.Core.Result> action, string done)
    {
        var result = await action;
        Show(result.Ok ? done : result.Message!, result.Ok ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }

    private void Show(string message, Severity severity) => (_message, _messageSeverity, _secret) = (message, severity, null);
}
