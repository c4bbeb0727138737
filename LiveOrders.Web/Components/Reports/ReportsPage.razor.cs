using System.Globalization;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Core.Time;
using LiveOrders.Web.Components.Control;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Reports;

public enum ReportPreset { Week, Month, Quarter, Year }

/// <summary>
/// The reports page: a period and departments chosen, the figures of each (Core decides who sees which). It follows the
/// live feed: a change to an order of a department it shows (sent, forwarded, accepted, done, fallen overdue) recomputes
/// the figures, the trend and the rating, a burst of changes at a time (<see cref="SettledRefresh"/>), for the period and
/// departments on screen; the table keeps the old figures until the new ones are there.
/// </summary>
public partial class ReportsPage : IDisposable
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private ReportQueries Queries { get; set; } = default!;
    [Inject] private ReportTrendQueries Trends { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private ILogger<ReportsPage> Logger { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

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
    /// <summary>The period and departments asked for last (shown, or on their way): what a live change recomputes.</summary>
    private (ReportPeriod Period, IReadOnlyList<int> DepartmentIds)? _asked;
    /// <summary>The departments of <see cref="_asked"/> (all of the scope when none were chosen), read by the feed's filter on other threads.</summary>
    private volatile IReadOnlySet<int> _watched = new HashSet<int>();
    /// <summary>Each load takes a ticket; only the latest one's figures land (a live recomputation must not overwrite a newer choice).</summary>
    private int _ticket;
    /// <summary>When the figures on screen were computed (UTC), and whether the last live recomputation failed.</summary>
    private DateTime? _computedAt;
    /// <summary>Since when the figures on screen are not current: the first live recomputation that failed.</summary>
    private DateTime? _failedAt;
    private IDisposable? _subscription;
    private SettledRefresh? _live;
    /// <summary>Set by the first after-render, which never runs while prerendering: a person's choices from then on.</summary>
    private bool _rendered;

    /// <summary>The live recomputations this page has run (a test counts what a burst costs).</summary>
    internal SettledRefresh? Live => _live;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _scope = _actor is null ? [] : await Queries.ScopeAsync(_actor);
        if (_scope.Count == 0) return;
        if (AddressedPeriod() is { } addressed)
        {
            (_from, _to, _departmentIds) = addressed;
            await LoadAsync();
        }
        else await PresetAsync(ReportPreset.Month);
    }

    /// <summary>
    /// The period and departments in the page's address (<c>?from=…&amp;to=…&amp;departments=…</c>, <c>to</c> the last day),
    /// put there by <see cref="Remember"/>: «Назад» from a drill-down list, a bookmark or a link sent to a colleague opens
    /// the same report. Departments outside the reader's scope are dropped (Core would refuse them anyway).
    /// </summary>
    private (DateTime From, DateTime To, IReadOnlyCollection<int> Departments)? AddressedPeriod()
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        if (!QueryDay.TryRead(query.GetValueOrDefault("from").ToString(), out var from)
            || !QueryDay.TryRead(query.GetValueOrDefault("to").ToString(), out var to)) return null;
        var ids = query.GetValueOrDefault("departments").ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => _scope!.Any(d => d.Id == id)).Distinct().ToList();
        return (from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue), ids);
    }

    /// <summary>
    /// Puts the period and departments asked for into the address, replacing the history entry (no entry per choice).
    /// Only once rendered interactively: while prerendering a navigation would be a redirect.
    /// </summary>
    private void Remember(DateOnly from, DateOnly lastDay)
    {
        if (!_rendered) return;
        var address = Navigation.GetUriWithQueryParameters(Navigation.Uri, new Dictionary<string, object?>
        {
            ["from"] = QueryDay.Write(from),
            ["to"] = QueryDay.Write(lastDay),
            ["departments"] = _departmentIds.Count > 0 ? string.Join(",", _departmentIds.Order()) : null,
        });
        if (address != Navigation.Uri) Navigation.NavigateTo(address, replace: true);
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
        Remember(DateOnly.FromDateTime(from), DateOnly.FromDateTime(to));
        _asked = (period, _departmentIds.ToList());
        _watched = (_asked.Value.DepartmentIds.Count > 0 ? _asked.Value.DepartmentIds : _scope!.Select(d => d.Id)).ToHashSet();
        await ComputeAsync();
    }

    /// <summary>The figures, trend and rating of <see cref="_asked"/>; the old ones stay on screen until these are ready.</summary>
    private async Task ComputeAsync()
    {
        if (_actor is null || _asked is not { } asked) return;
        var ticket = ++_ticket;
        var (period, departments) = asked;
        var result = await Queries.FiguresWithTotalAsync(_actor, period, departments);
        var trend = result.Ok ? await Trends.TrendAsync(_actor, period, departments) : null;
        if (ticket != _ticket) return;
        _error = result.Ok ? null : result.Message;
        _figures = result.Value?.Departments;
        _total = result.Value?.Total;
        _computedAt = result.Value?.At;
        _failedAt = null;
        _trend = trend?.Value;
        _shown = result.Ok ? (period, departments) : null;
    }

    // Subscribed once interactive (after-render never runs while prerendering) and once the reader is known (the first
    // render can come before that).
    protected override void OnAfterRender(bool firstRender)
    {
        _rendered = true;
        if (_subscription is not null || _actor is not { } actor || _scope is not { Count: > 0 }) return;
        _live = new SettledRefresh(Time.Clock, InvokeAsync, RecomputeLiveAsync);
        _subscription = Feed.Subscribe(c => Directory.IsCurrent(actor) && Concerns(c, _watched), change => InvokeAsync(() => _live.Request()));
    }

    /// <summary>
    /// A change that can move a figure of the departments asked for: an order created, moved or fallen overdue whose
    /// executing department is one of them, or that left one of them (a forward out); or the feed's «reload everything».
    /// Comments and attachments move no figure. Whether the reader may open the order does not matter: the figures count
    /// every order of the departments the reports cover (the lists hide what the reader may not open).
    /// </summary>
    internal static bool Concerns(OrderChanged change, IReadOnlySet<int> departments) =>
        change.Kind == OrderChangeKind.Resync
        || change.Kind is OrderChangeKind.Created or OrderChangeKind.Transition
            && (departments.Contains(change.Audience.ExecutingDepartmentId)
                || change.PreviousExecutingDepartmentId is { } previous && departments.Contains(previous));

    private async Task RecomputeLiveAsync()
    {
        try
        {
            await ComputeAsync();
        }
        catch (Exception e)
        {
            // The figures on screen stay, and the line above them says they were not brought up to date (the next change tries again).
            Logger.LogError(e, "Live recomputation of the reports page failed");
            _failedAt ??= Time.UtcNow;
        }
        StateHasChanged();
    }

    /// <summary>
    /// Whether the figures on screen are current, shown as on the control panel: when they were computed, and since when
    /// they are not (a live recomputation failed; the browser adds a lost connection itself).
    /// </summary>
    private Freshness Freshness => new(_computedAt, _failedAt);

    private string ExportUrl(ExportFormat format) => _shown is { } shown
        ? ReportExportDownloads.Url(format, shown.Period.From, shown.Period.To.AddDays(-1), shown.DepartmentIds)
        : "";

    private string DepartmentName(int id) => _scope?.FirstOrDefault(d => d.Id == id)?.ShortName ?? "";

    public void Dispose()
    {
        _subscription?.Dispose();
        _live?.Dispose();
    }
}
