using System.Globalization;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Reports;

public enum ReportPreset { Week, Month, Quarter, Year }

/// <summary>The reports page: a period and departments chosen, the figures of each (Core decides who sees which).</summary>
public partial class ReportsPage
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ReportQueries Queries { get; set; } = default!;
    [Inject] private ReportTrendQueries Trends { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;

    private Actor? _actor;
    private IReadOnlyList<DepartmentRef>? _scope;
    private DateTime? _from, _to;
    private IReadOnlyCollection<int> _departmentIds = [];
    private IReadOnlyList<DepartmentFigures>? _figures;
    private ReportTrend? _trend;
    /// <summary>The period and departments the figures on screen are for (the pickers may have moved since): what «Выгрузить» downloads.</summary>
    private (ReportPeriod Period, IReadOnlyCollection<int> DepartmentIds)? _shown;
    private DepartmentFigures? _total;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _scope = _actor is null ? [] : await Queries.ScopeAsync(_actor);
        if (_scope.Count > 0) await PresetAsync(ReportPreset.Month);
    }

    /// <summary>The current week, month, quarter or year, up to its last day, in the municipality's calendar.</summary>
    private Task PresetAsync(ReportPreset preset)
    {
        var today = Time.LocalNow.Date;
        var start = preset switch
        {
            ReportPreset.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            ReportPreset.Month => new DateTime(today.Year, today.Month, 1),
            ReportPreset.Quarter => new DateTime(today.Year, (today.Month - 1) / 3 * 3 + 1, 1),
            _ => new DateTime(today.Year, 1, 1),
        };
        var end = preset switch
        {
            ReportPreset.Week => start.AddDays(7),
            ReportPreset.Month => start.AddMonths(1),
            ReportPreset.Quarter => start.AddMonths(3),
            _ => start.AddYears(1),
        };
        (_from, _to) = (start, end.AddDays(-1));
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_actor is null) return;
        if (_from is not { } from || _to is not { } to)
        {
            (_error, _figures) = ("Укажите начало и конец периода.", null);
            return;
        }
        // The picker's last day is inclusive; the period's end is the next midnight.
        var period = ReportPeriod.Through(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to));
        var departments = _departmentIds.ToList();
        var result = await Queries.FiguresWithTotalAsync(_actor, period, departments);
        var trend = result.Ok ? await Trends.TrendAsync(_actor, period, departments) : null;
        _error = result.Ok ? null : result.Message;
        _figures = result.Value?.Departments;
        _total = result.Value?.Total;
        _trend = trend?.Value;
        _shown = result.Ok ? (period, departments) : null;
    }

    private string ExportUrl(ExportFormat format) => _shown is { } shown
        ? ReportExportDownloads.Url(format, shown.Period.From, shown.Period.To.AddDays(-1), shown.DepartmentIds)
        : "";

    private string DepartmentName(int id) => _scope?.FirstOrDefault(d => d.Id == id)?.ShortName ?? "";
}
