using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// An order list («Мои поручения», «Поручения отдела»): filters, and a grid that pages and sorts in
/// the database. It stays live like the board: a change to an order this person may see in this
/// scope, or to a row on screen, reloads the current page, so rows appear, change and leave.
/// </summary>
public sealed partial class OrderList : IDisposable
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    [Parameter, EditorRequired] public OrderScope Scope { get; set; }
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;

    [Inject] private OrderQueries Queries { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private DeadlineRules Deadlines { get; set; } = default!;

    private MudDataGrid<OrderListItem>? _grid;
    private string? _search;
    private OrderStatus? _status;
    private Priority? _priority;
    private bool _overdueOnly;
    private bool _openOnly;
    private OrderSort _sort = OrderSort.Default;
    // The ids on screen, read by the feed's filter on other threads: replaced whole, never changed in place.
    private volatile IReadOnlySet<int> _shown = new HashSet<int>();
    private IDisposable? _subscription;
    private LiveReload? _live;

    private async Task<GridData<OrderListItem>> LoadAsync(GridState<OrderListItem> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault() is { } s ? OrderSort.ByColumn(s.SortBy, s.Descending) : OrderSort.Default;
        if (sort != _sort)
        {
            _sort = sort;
            StateHasChanged(); // the «Выгрузить» links carry the sort
        }
        var page = await Queries.ListAsync(Actor, new OrderFilter(Scope, _search, _status, _priority, _overdueOnly, _openOnly,
            Skip: state.Page * state.PageSize, Take: state.PageSize, Sort: sort), ct);
        _shown = page.Items.Select(i => i.Id).ToHashSet();
        return new GridData<OrderListItem> { Items = page.Items, TotalItems = page.Total };
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _live = new LiveReload(() => _grid?.ReloadServerData() ?? Task.CompletedTask);
        _subscription = Feed.Subscribe(Concerns, change => InvokeAsync(_live.RequestAsync));
    }

    /// <summary>A change this list must show: a row on screen changed, or an order of its scope that this person may see.</summary>
    private bool Concerns(OrderChanged change) =>
        Directory.IsCurrent(Actor)
        && (change.Kind == OrderChangeKind.Resync
            || _shown.Contains(change.OrderId)
            || (change.Kind is OrderChangeKind.Created or OrderChangeKind.Transition
                && OrderPolicy.CanView(Actor, change.Audience) && OrderQueries.InScope(Actor, Scope, change.Audience)));

    private async Task OnSearchChangedAsync(string? value)
    {
        _search = value;
        await FirstPageAsync();
    }

    private async Task OnStatusChangedAsync(OrderStatus? value)
    {
        _status = value;
        await FirstPageAsync();
    }

    private async Task OnPriorityChangedAsync(Priority? value)
    {
        _priority = value;
        await FirstPageAsync();
    }

    private async Task OnOverdueChangedAsync(bool value)
    {
        _overdueOnly = value;
        await FirstPageAsync();
    }

    private async Task OnOpenOnlyChangedAsync(bool value)
    {
        _openOnly = value;
        await FirstPageAsync();
    }

    /// <summary>A new filter starts from the first page; the grid loads it.</summary>
    private async Task FirstPageAsync()
    {
        if (_grid is null) return;
        if (_grid.CurrentPage != 0) _grid.NavigateTo(Page.First);
        else await _grid.ReloadServerData();
    }

    /// <summary>The download of this list as it is filtered and sorted now.</summary>
    private string ExportUrl(ExportFormat format) =>
        OrderExportDownloads.ListUrl(format, Scope, _search, _status, _priority, _overdueOnly, _openOnly, _sort);

    private string RowClass(OrderListItem order, int index) =>
        Display.UrgencyClass(Deadlines.UrgencyOf(order, Time.UtcNow)) is { Length: > 0 } urgency ? urgency + "-row" : "";

    public void Dispose() => _subscription?.Dispose();
}
