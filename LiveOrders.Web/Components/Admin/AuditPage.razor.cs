using System.Globalization;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Language;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Admin;

/// <summary>
/// The audit log for administrators and the control department: filtered in the database (period in the municipality's
/// days, section, person, text, address), newest first, a page at a time; «Выгрузить» sends the same filter to the export.
/// </summary>
public partial class AuditPage
{
    public const int PageSize = 25;
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private AuditLog Log { get; set; } = default!;

    private Actor? _actor;
    private bool _allowed;
    private AuditLogPage? _page;
    private DateTime? _from;
    private DateTime? _to;
    private AuditKind? _kind;
    private string? _person;
    private string? _text;
    private string? _address;
    private int _pageNumber = 1;

    private int Pages => (_page!.Total + PageSize - 1) / PageSize;

    private string TotalText => _page!.Total == 0 ? "" :
        $"{RussianPlural.Form(_page.Total, "Найдена", "Найдено", "Найдено")} {_page.Total.ToString("N0", Russian)} {RussianPlural.Form(_page.Total, "запись", "записи", "записей")}";

    private AuditFilter Filter => new(
        _from is { } f ? DateOnly.FromDateTime(f) : null,
        _to is { } t ? DateOnly.FromDateTime(t) : null,
        _kind, _person, _text, _address);

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _allowed = _actor is not null && AccessPolicy.CanViewAudit(_actor);
        if (_allowed) await LoadAsync();
    }

    private string ExportUrl(ExportFormat format) => AuditExportDownload.Url(format, Filter);

    private async Task LoadAsync() =>
        _page = (await Log.PageAsync(_actor!, Filter, (_pageNumber - 1) * PageSize, PageSize)).Value ?? new AuditLogPage([], 0);

    private Task FromChangedAsync(DateTime? from) { _from = from; return ReloadAsync(); }
    private Task ToChangedAsync(DateTime? to) { _to = to; return ReloadAsync(); }
    private Task KindChangedAsync(AuditKind? kind) { _kind = kind; return ReloadAsync(); }
    private Task PersonChangedAsync(string? person) { _person = person; return ReloadAsync(); }
    private Task TextChangedAsync(string? text) { _text = text; return ReloadAsync(); }
    private Task AddressChangedAsync(string? address) { _address = address; return ReloadAsync(); }
    private async Task PageChangedAsync(int page) { _pageNumber = page; await LoadAsync(); }

    private async Task ReloadAsync()
    {
        _pageNumber = 1;
        await LoadAsync();
    }
}
