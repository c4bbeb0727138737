using LiveOrders.Core;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Templates;
using LiveOrders.Web.Components.Orders;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveOrders.Web.Components.Templates;

/// <summary>
/// The department's templates: issue from one, edit, delete, and set, pause or end its schedule. Live: another
/// person's change to a template shown here, or an occurrence its schedule issued, reloads the list.
/// </summary>
public sealed partial class TemplatesPage : IDisposable
{
    private const string Paused = "Расписание приостановлено: поручения не создаются, пока его не возобновят.";
    private const string Resumed = "Расписание возобновлено.";

    [Inject] private OrderTemplates Templates { get; set; } = default!;
    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private Core.Time.MunicipalTime Time { get; set; } = default!;
    [Inject] private TemplateChanges Changes { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;

    private Actor? _actor;
    private IReadOnlyList<TemplateView> _templates = [];
    private LiveReload? _live;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_actor is not null) _templates = await Templates.ListAsync(_actor);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _live = new LiveReload(async () =>
        {
            await LoadAsync();
            StateHasChanged();
        });
        Changes.Changed += OnTemplateChanged;
    }

    /// <summary>Raised on the changing thread: only decides, and hands the reload to the renderer.</summary>
    private void OnTemplateChanged(TemplateChanged change)
    {
        if (_actor is { } actor && _live is { } live && Directory.IsCurrent(actor) && TemplatePolicy.CanView(actor, change))
            _ = InvokeAsync(live.RequestAsync);
    }

    public void Dispose() => Changes.Changed -= OnTemplateChanged;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0]) + text[1..];

    private async Task EditAsync(TemplateView? template)
    {
        var departments = (await Queries.DepartmentsAsync()).Where(d => d.ParentId is not null).ToList();
        var parameters = new DialogParameters<TemplateDialog>
        {
            { d => d.Actor, _actor! },
            { d => d.Form, template is null ? new TemplateForm() : TemplateForm.From(template.Content) },
            { d => d.Departments, departments },
            { d => d.TemplateId, template?.Id },
            { d => d.Version, template?.Version ?? 0 },
        };
        var dialog = await Dialogs.ShowAsync<TemplateDialog>(template is null ? "Новый шаблон" : "Шаблон", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Шаблон сохранён.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ScheduleAsync(TemplateView template)
    {
        var form = template.Schedule is { } s ? ScheduleForm.From(s.Recurrence) : new ScheduleForm { Start = Time.LocalNow.Date };
        var parameters = new DialogParameters<ScheduleDialog>
        {
            { d => d.Actor, _actor! },
            { d => d.TemplateId, template.Id },
            { d => d.TemplateTitle, template.Title },
            { d => d.TermText, TermText.Of(template.Term) },
            { d => d.Form, form },
            { d => d.SeenUpdatedAt, template.Schedule?.UpdatedAt },
        };
        var dialog = await Dialogs.ShowAsync<ScheduleDialog>("Расписание", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Расписание сохранено.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task EndScheduleAsync(TemplateView template)
    {
        if (await Dialogs.ShowMessageBoxAsync("Завершить расписание?", $"Поручения «{template.Title}» больше не будут создаваться сами. Шаблон останется.",
                yesText: "Завершить", cancelText: "Отмена") != true) return;
        await RunAsync(Templates.RemoveScheduleAsync(_actor!, template.Id), "Расписание завершено.");
    }

    private async Task DeleteAsync(TemplateView template)
    {
        if (await Dialogs.ShowMessageBoxAsync("Удалить шаблон?", $"Шаблон «{template.Title}» и его расписание будут удалены. Созданные поручения останутся.",
                yesText: "Удалить", cancelText: "Отмена") != true) return;
        await RunAsync(Templates.DeleteAsync(_actor!, template.Id), "Шаблон удалён.");
    }

    private async Task RunAsync(Task<Result> action, string done)
    {
        var result = await action;
        Snackbar.Add(result.Ok ? done : result.Message ?? "Не удалось.", result.Ok ? Severity.Success : Severity.Error);
        await LoadAsync();
    }
}
