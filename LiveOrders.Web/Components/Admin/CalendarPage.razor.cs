using LiveOrders.Core.Calendar;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LiveOrders.Web.Components.Admin;

/// <summary>The administrator's production calendar: this year and the next, a click per day, saved whole.</summary>
public sealed partial class CalendarPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ProductionCalendar Calendar { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? _actor;
    private IReadOnlyList<int> _years = [];
    private CalendarYearView? _view;
    private CalendarEdit? _edit;
    private string? _error;
    private bool _saving;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageOrganization(_actor)) return;
        _years = Calendar.EditableYears();
        // The first year not filled in is the one that needs the administrator; otherwise this year.
        await OpenAsync(Calendar.MissingYears().FirstOrDefault(_years[0]));
    }

    private async Task OpenAsync(int year)
    {
        var result = await Calendar.YearAsync(_actor!, year);
        _error = result.Ok ? null : result.Message;
        if (result.Value is not { } view) return;
        (_view, _edit) = (view, new CalendarEdit(view.Days));
    }

    private void Toggle(DateOnly day) => _edit?.Toggle(day);

    /// <summary>Reads a year from a file into the grid: the administrator checks it there and saves, or cancels.</summary>
    private async Task ImportAsync(IBrowserFile? file)
    {
        if (file is null || _edit is null) return;
        if (file.Size > CalendarImport.MaxBytes)
        {
            _error = "Файл больше 1 МБ: это не производственный календарь.";
            return;
        }
        string content;
        try
        {
            await using var stream = file.OpenReadStream(CalendarImport.MaxBytes);
            using var reader = new StreamReader(stream);
            content = await reader.ReadToEndAsync();
        }
        catch (IOException)
        {
            _error = "Файл не удалось загрузить. Попробуйте ещё раз.";
            return;
        }
        var imported = CalendarImport.Parse(content, _edit.Year);
        if (!imported.Ok)
        {
            _error = imported.Message;
            return;
        }
        _error = null;
        _edit.Load(imported.Value!);
        Snackbar.Add($"Календарь на {_edit.Year} год прочитан из файла «{file.Name}». Проверьте дни и сохраните.", Severity.Info);
    }

    private async Task SaveAsync()
    {
        if (_edit is null || _saving) return;
        _saving = true;
        try
        {
            var result = await Calendar.SaveAsync(_actor!, _edit.ToCalendarYear());
            if (!result.Ok)
            {
                _error = result.Message;
                return;
            }
            Snackbar.Add($"Календарь на {_edit.Year} год сохранён", Severity.Success);
            await OpenAsync(_edit.Year);
        }
        finally
        {
            _saving = false;
        }
    }
}
