using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// The creation form. It checks nothing itself: the service decides, and its refusal comes back
/// with the field it concerns, shown at that field; nothing is created on bad input.
/// </summary>
public sealed partial class CreateOrder : IDisposable
{
    /// <summary>The fields that show their own message; any other refusal is shown above the form.</summary>
    private static readonly HashSet<string?> FieldsOnForm = ["title", "text", "departments", "dueAt"];

    [SupplyParameterFromQuery] public int? Parent { get; set; }
    /// <summary>The draft being edited (/orders/{id}/edit): the same form, filled with it, saved over it.</summary>
    [Parameter] public int? EditId { get; set; }

    [Inject] private OrderService Orders { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StructureChanges Structure { get; set; } = default!;

    private MudForm? _form;
    private Actor? _actor;
    private IReadOnlyList<DepartmentRef>? _departments;
    private string? _parentNumber;
    private string? _title;
    private string? _text;
    private IReadOnlyCollection<int> _departmentIds = [];
    private Priority _priority = Priority.Normal;
    private DateTime? _due;
    private bool _onControl;
    private bool _personalData;
    private bool _saving;
    private OrderDetails? _draft;

    private string Heading => EditId is not null ? "Черновик поручения" : Parent is null ? "Новое поручение" : "Новое подпоручение";
    private string? _error;
    private string? _errorField;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        await LoadDepartmentsAsync();
        Structure.DepartmentsChanged += OnDepartmentsChanged;
        _due = WorkingDays.DefaultDue(Time);
        if (EditId is { } draftId && _actor is not null)
        {
            // Only what the policy lets this person edit is shown; anything else is the same refusal, leaking nothing.
            var draft = (await Queries.GetAsync(_actor, draftId)).Value;
            if (draft is not null && draft.AllowedActions.Contains(OrderAction.EditDraft))
            {
                _draft = draft;
                (_title, _text, _priority, _due, _onControl) = (draft.Title, draft.Text, draft.Priority, draft.DueAt, draft.OnControl);
                _personalData = draft.ContainsPersonalData;
                _departmentIds = [draft.ExecutingDepartmentId];
            }
        }
        else if (Parent is { } parentId && _actor is not null)
        {
            var parent = await Queries.GetAsync(_actor, parentId);
            _parentNumber = parent.Value?.Number;
            if (parent.Value is { } p)
            {
                _title = p.Title;
                _due = p.DueAt;
                _priority = p.Priority;
            }
        }
    }

    private async Task LoadDepartmentsAsync() =>
        _departments = (await Queries.DepartmentsAsync()).Where(d => d.ParentId is not null).ToList();

    // An administrator created, renamed or switched off a department: the choice shows it at once, what is chosen stays.
    private void OnDepartmentsChanged() => _ = InvokeAsync(async () =>
    {
        await LoadDepartmentsAsync();
        StateHasChanged();
    });

    public void Dispose() => Structure.DepartmentsChanged -= OnDepartmentsChanged;

    private string DepartmentName(int id) => _departments?.FirstOrDefault(d => d.Id == id)?.Name ?? "";

    private static string DepartmentsText(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{names.Count} подразделения: {string.Join(", ", names)}",
    };

    private async Task SaveAsync(bool send)
    {
        if (_actor is null || _saving) return;
        _error = _errorField = null;
        if (_due is null)
        {
            (_error, _errorField) = ("Укажите срок исполнения.", "dueAt");
            return;
        }
        _saving = true;
        try
        {
            if (_draft is not null)
            {
                await SaveDraftAsync(_draft, send);
                return;
            }
            var result = await Orders.CreateAsync(_actor, new NewOrder(_title, _text, _departmentIds.ToList(), _priority,
                _due.Value, _onControl, send, ParentId: Parent, ContainsPersonalData: _personalData));
            if (!result.Ok)
            {
                (_error, _errorField) = (result.Message, result.Field);
                return;
            }
            var created = result.Value!;
            Snackbar.Add(created.Count == 1
                    ? $"Поручение {created[0].Number} {(send ? "отправлено" : "сохранено как черновик")}"
                    : $"Создано поручений: {created.Count} ({string.Join(", ", created.Select(c => c.Number))})",
                Severity.Success);
            Navigation.NavigateTo(created.Count == 1 ? $"/orders/{created[0].Id}" : "/");
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task SaveDraftAsync(OrderDetails draft, bool send)
    {
        if (_departmentIds.Count != 1)
        {
            (_error, _errorField) = ("Черновик адресуется одному подразделению: выберите одно.", "departments");
            return;
        }
        var department = _departmentIds.Single();
        var responsible = department == draft.ExecutingDepartmentId ? draft.Responsible?.Id : null;
        var edited = await Orders.EditDraftAsync(_actor!, draft.Id, draft.Version,
            new OrderDraft(_title, _text, department, _priority, _due!.Value, _onControl, responsible, draft.Parent?.Id, _personalData));
        if (edited.Ok && send)
            edited = await Orders.ExecuteAsync(_actor!, draft.Id, edited.Value, new SendOrder());
        if (!edited.Ok)
        {
            (_error, _errorField) = (edited.Message, edited.Field);
            return;
        }
        Snackbar.Add($"Поручение {draft.Number} {(send ? "отправлено" : "сохранено как черновик")}", Severity.Success);
        Navigation.NavigateTo($"/orders/{draft.Id}");
    }
}
