using LiveOrders.Core;
using LiveOrders.Core.Reports;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Reports;

/// <summary>
/// The orders behind one number of the reports page (<see cref="FigureQuery"/> in the address): what the list is, its
/// rows, their count (the number clicked) and a download. A bad address says what is wrong; Core decides who sees what.
/// </summary>
public partial class FigureOrdersPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ReportQueries Queries { get; set; } = default!;
    [Inject] private FigureOrdersExports Exports { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "figure")] public string? Figure { get; set; }
    [SupplyParameterFromQuery(Name = "department")] public string[]? Department { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private bool _loading = true;
    private string? _refusal, _error, _title;
    private FigureQuery? _query;
    private FigureOrders? _orders;
    private string? _share;

    protected override async Task OnParametersSetAsync()
    {
        (_refusal, _error, _title, _orders, _share) = (null, null, null, null, null);
        var actor = await CurrentActor.GetAsync();
        if (actor is null || (await Queries.ScopeAsync(actor)).Count == 0)
            _refusal = ReportQueries.NotYours;
        else
        {
            var parsed = FigureQuery.Parse(Figure, Department, From, To);
            _query = parsed.Value;
            if (!parsed.Ok) _error = parsed.Message;
            else
            {
                var result = await Queries.OrdersBehindAsync(actor, _query!.Period, _query.DepartmentIds, _query.Figure);
                if (result.Failure == Failure.Forbidden) _refusal = result.Message;
                else if (!result.Ok) _error = result.Message;
                else
                {
                    (_orders, _title) = (result.Value, Exports.Title(result.Value!));
                    _share = await ShareAsync(actor, _query, result.Value!.Rows.Count);
                }
            }
        }
        _loading = false;
    }

    /// <summary>
    /// What the reports page shows for a share rather than a count: on time (or late) of the done as a percentage, forwards
    /// per order received — so the list says how its count makes the number that was clicked.
    /// </summary>
    private async Task<string?> ShareAsync(LiveOrders.Core.Organization.Actor actor, FigureQuery query, int count)
    {
        var of = query.Figure switch
        {
            ReportFigure.DoneOnTime or ReportFigure.DoneLate => ReportFigure.Done,
            ReportFigure.Forwards => ReportFigure.Received,
            _ => (ReportFigure?)null,
        };
        if (of is not { } baseFigure) return null;
        var all = await Queries.OrdersBehindAsync(actor, query.Period, query.DepartmentIds, baseFigure);
        if (!all.Ok) return null;
        var total = all.Value!.Rows.Count;
        return baseFigure == ReportFigure.Done
            ? $"из {total} исполненных — {ReportText.Percent(total == 0 ? null : (double)count / total)}"
            : $"на {total} поступивших — {(total == 0 ? 0 : (double)count / total).ToString("0.##", ReportText.Russian)} на поручение";
    }

    /// <summary>The done and its two parts, one click apart: the list of the done, of those on time and of the late.</summary>
    private static IReadOnlyList<ReportFigure> Related(ReportFigure figure) =>
        figure is ReportFigure.Done or ReportFigure.DoneOnTime or ReportFigure.DoneLate
            ? [ReportFigure.Done, ReportFigure.DoneOnTime, ReportFigure.DoneLate]
            : figure is ReportFigure.ExtensionsAsked or ReportFigure.ExtensionsGranted
                ? [ReportFigure.ExtensionsAsked, ReportFigure.ExtensionsGranted]
                : [];
}
