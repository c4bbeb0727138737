using LiveOrders.Core;
using LiveOrders.Core.Live;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Reports;

/// <summary>
/// The orders behind one number of the reports page (<see cref="FigureQuery"/> in the address): what the list is, its
/// rows, their count (the number clicked) and a download. A bad address says what is wrong; Core decides who sees what.
/// </summary>
public partial class FigureOrdersPage : IDisposable
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ReportQueries Queries { get; set; } = default!;
    [Inject] private FigureOrdersExports Exports { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private ILogger<FigureOrdersPage> Logger { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "figure")] public string? Figure { get; set; }
    [SupplyParameterFromQuery(Name = "department")] public string[]? Department { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private bool _loading = true;
    private string? _refusal, _error, _title;
    private Actor? _actor;
    private FigureQuery? _query;
    private FigureOrders? _orders;
    private string? _share;
    /// <summary>The departments of the list (all the reader's when none are named), read by the feed's filter on other threads.</summary>
    private volatile IReadOnlySet<int> _watched = new HashSet<int>();
    private int _ticket;
    private IDisposable? _subscription;
    private SettledRefresh? _live;

    protected override async Task OnParametersSetAsync()
    {
        (_refusal, _error, _title, _orders, _share, _query) = (null, null, null, null, null, null);
        _watched = new HashSet<int>();
        _actor = await CurrentActor.GetAsync();
        var scope = _actor is null ? [] : await Queries.ScopeAsync(_actor);
        if (scope.Count == 0)
            _refusal = ReportQueries.NotYours;
        else
        {
            var parsed = FigureQuery.Parse(Figure, Department, From, To);
            if (!parsed.Ok) _error = parsed.Message;
            else
            {
                _query = parsed.Value!;
                _watched = (_query.DepartmentIds.Count > 0 ? _query.DepartmentIds : scope.Select(d => d.Id)).ToHashSet();
                await LoadOrdersAsync();
            }
        }
        _loading = false;
    }

    /// <summary>The list for <see cref="_query"/>; the rows on screen stay until the new ones are there.</summary>
    private async Task LoadOrdersAsync()
    {
        if (_actor is not { } actor || _query is not { } query) return;
        var ticket = ++_ticket;
        var result = await Queries.OrdersBehindAsync(actor, query.Period, query.DepartmentIds, query.Figure);
        var share = result.Ok ? await ShareAsync(actor, query, result.Value!.Rows.Count) : null;
        if (ticket != _ticket) return;
        (_refusal, _error) = (null, null);
        if (result.Failure == Failure.Forbidden) (_refusal, _orders) = (result.Message, null);
        else if (!result.Ok) (_error, _orders) = (result.Message, null);
        else (_orders, _title, _share) = (result.Value, Exports.Title(result.Value!), share);
    }

    // Live as the reports page is (its number and this list stay equal): a change to an order of the list's departments
    // reloads the list, a burst at a time (SettledRefresh).
    // Subscribed once interactive (after-render never runs while prerendering) and once the reader is known (the first
    // render can come before that).
    protected override void OnAfterRender(bool firstRender)
    {
        if (_subscription is not null || _actor is not { } actor) return;
        _live = new SettledRefresh(Time.Clock, InvokeAsync, ReloadLiveAsync);
        _subscription = Feed.Subscribe(
            c => Directory.IsCurrent(actor) && _query is not null && ReportsPage.Concerns(c, _watched),
            change => InvokeAsync(() => _live.Request()));
    }

    private async Task ReloadLiveAsync()
    {
        try
        {
            await LoadOrdersAsync();
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Live reload of a report's list failed");
        }
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _live?.Dispose();
    }

    /// <summary>
    /// What the reports page shows for a share rather than a count: on time (or late) of the done as a percentage, forwards
    /// per order received — so the list says how its count makes the number that was clicked.
    /// </summary>
    private async Task<string?> ShareAsync(Actor actor, FigureQuery query, int count)
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
