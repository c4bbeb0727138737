using LiveOrders.Core.Calendar;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using LiveOrders.Core.Time;
using LiveOrders.Web.Components.Templates;
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
    private static readonly HashSet<string?> FieldsOnForm = ["title", "text", "departments", "dueAt", "type", "controller"];

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
    [Inject] private OrderTemplates Templates { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    /// <summary>The template to fill the form from (/orders/new?template=id).</summary>
    [SupplyParameterFromQuery] public int? Template { get; set; }
    private IReadOnlyList<TemplateView> _templates = [];
    private int? _templateId;
    [Inject] private OrderTypes Types { get; set; } = default!;
    [Inject] private IWorkingCalendarSource Calendars { get; set; } = default!;

    private MudForm? _form;
    private Actor? _actor;
    private IReadOnlyList<DepartmentRef>? _departments;
    private string? _parentNumber;
    private string? _title;
    private string? _text;
    private IReadOnlyCollection<int> _departmentIds = [];
    private Priority _priority = Priority.Normal;
    private DateTime? _due;
    private IReadOnlyList<OrderTypeItem> _types = [];
    private int? _typeId;
    // Set when the offered due date counted calendar days for want of the year's calendar.
    private bool _dueFellBack;
    private bool _onControl;
    private int? _controllerId;
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
        _types = await Types.ListAsync();
        OfferDue(null);
        if (EditId is { } draftId && _actor is not null)
        {
            // Only what the policy lets this person edit is shown; anything else is the same refusal, leaking nothing.
            var draft = (await Queries.GetAsync(_actor, draftId)).Value;
            if (draft is not null && draft.AllowedActions.Contains(OrderAction.EditDraft))
            {
                _draft = draft;
                (_title, _text, _priority, _due, _onControl) = (draft.Title, draft.Text, draft.Priority, draft.DueAt, draft.OnControl);
                _typeId = draft.Type?.Id;
                if (draft.Type is { } own && _types.All(t => t.Id != own.Id))
                    _types = [.. _types, new OrderTypeItem(own.Id, own.Name, default, false, false)];
                _personalData = draft.ContainsPersonalData;
                _departmentIds = [draft.ExecutingDepartmentId];
                _controllerId = draft.Controller?.Id;
            }
        }
        else if (Parent is null && _actor is not null && TemplatePolicy.CanUse(_actor))
        {
            _templates = await Templates.ListAsync(_actor);
            if (Template is { } templateId) await ApplyTemplateAsync(templateId);
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

    private string TemplateName(int? id) => _templates.FirstOrDefault(t => t.Id == id)?.Title ?? "";

    /// <summary>Fills the form from a template: its content, and a due time its term from today at the end of the working day.</summary>
    private async Task ApplyTemplateAsync(int? templateId)
    {
        _templateId = templateId;
        if (templateId is null || _actor is null) return;
        var template = _templates.FirstOrDefault(t => t.Id == templateId) ?? await Templates.FindAsync(_actor, templateId.Value);
        if (template is null)
        {
            (_error, _errorField, _templateId) = (TemplatePolicy.NotFoundMessage, null, null);
            return;
        }
        (_title, _text, _priority) = (template.Title, template.Text, template.Priority);
        _departmentIds = template.Departments.Where(d => _departments?.Any(x => x.Id == d.Id) == true).Select(d => d.Id).ToList();
        _due = Templates.DueFromToday(template.Term);
    }

    private async Task SaveAsTemplateAsync()
    {
        if (_actor is null) return;
        var form = TemplateForm.FromOrder(_title, _text, _departmentIds, _priority, DateOnly.FromDateTime(Time.LocalNow),
            _due is { } due ? DateOnly.FromDateTime(Time.ToLocal(due)) : null, Calendars.Current);
        var parameters = new DialogParameters<TemplateDialog>
        {
            { d => d.Actor, _actor }, { d => d.Form, form }, { d => d.Departments, _departments ?? [] },
        };
        var dialog = await Dialogs.ShowAsync<TemplateDialog>("Новый шаблон", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            _templates = await Templates.ListAsync(_actor);
            Snackbar.Add("Шаблон сохранён. Он есть на странице «Шаблоны».", Severity.Success);
        }
    }

    /// <summary>Offers the due date the type's term gives (without a type, the usual three working days), by the calendar in force.</summary>
    private void OfferDue(OrderTypeItem? type)
    {
        var offered = DefaultDue.For(Time, Calendars.Current, type?.Term);
        (_due, _dueFellBack) = (offered.Utc, offered.FellBack);
    }

    private void OnTypeChanged(int? typeId)
    {
        _typeId = typeId;
        var type = _types.FirstOrDefault(t => t.Id == typeId);
        // A sub-order keeps its parent's due date: a type's term must not push it past the parent's.
        // A draft's switched-off type is shown to keep it, but no longer offers a term.
        if ((Parent is null || type is null) && type is not { IsActive: false }) OfferDue(type);
    }

    private string TypeName(int? id) => _types.FirstOrDefault(t => t.Id == id)?.Name ?? "Без вида";

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
                _due.Value, _onControl, send, ParentId: Parent, TypeId: _typeId, ControllerId: _controllerId, ContainsPersonalData: _personalData));
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
            new OrderDraft(_title, _text, department, _priority, _due!.Value, _onControl, responsible, draft.Parent?.Id, _typeId, _controllerId, _personalData));
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
