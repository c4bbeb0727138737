using System.Globalization;
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
    [Inject] private MunicipalTime Time { get; set; } = default!;

    private Actor? _actor;
    private IReadOnlyList<DepartmentRef>? _scope;
    private DateTime? _from, _to;
    private IReadOnlyCollection<int> _departmentIds = [];
    private IReadOnlyList<DepartmentFigures>? _figures;
    private DepartmentFigures? _total;
    private ReportPeriod? _period;
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
        _period = new ReportPeriod(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to).AddDays(1));
        var result = await Queries.FiguresWithTotalAsync(_actor, _period, _departmentIds);
        _error = result.Ok ? null : result.Message;
        _figures = result.Value?.Departments;
        _total = result.Value?.Total;
    }

    private string DepartmentName(int id) => _scope?.FirstOrDefault(d => d.Id == id)?.ShortName ?? "";
}
