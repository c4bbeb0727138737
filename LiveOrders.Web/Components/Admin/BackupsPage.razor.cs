using LiveOrders.Core.Backups;
using LiveOrders.Core.Language;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace LiveOrders.Web.Components.Admin;

/// <summary>The administrator's backups: the copies in the folder, a button to make one now, the settings, how to restore.</summary>
public sealed partial class BackupsPage
{
    [Inject] private CurrentActor CurrentActor { get; set; } = default!;
    [Inject] private DatabaseBackups Backups { get; set; } = default!;

    private Actor? _actor;
    private bool _supported;
    private bool _taking;
    private IReadOnlyList<BackupFile> _files = [];
    private string? _outcome;
    private bool _failed;

    /// <summary>This page's own copy, or one the daily schedule or another administrator is making now.</summary>
    private bool Running => _taking || Backups.IsRunning;

    private string KeepText => Backups.Keep switch
    {
        0 => "все копии (старые не удаляются)",
        1 => "только последняя копия, предыдущая удаляется после каждой новой",
        _ => $"последние {RussianPlural.Of(Backups.Keep, "копия", "копии", "копий")}, более старые удаляются после каждой новой",
    };

    private string DailyText => Backups.Daily is { } at ? $"в {at:HH\\:mm} по местному времени" : "не настроено";

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        if (_actor is null || !AccessPolicy.CanManageOrganization(_actor)) return;
        _supported = await Backups.SupportedAsync();
        if (_supported) Reload();
    }

    private void Reload()
    {
        var result = Backups.List(_actor!);
        if (result.Ok) _files = result.Value!;
        else (_outcome, _failed) = (result.Message, true);
    }

    private async Task TakeAsync()
    {
        if (Running) return;
        (_taking, _outcome) = (true, null);
        StateHasChanged();
        try
        {
            var result = await Backups.TakeAsync(_actor!);
            (_outcome, _failed) = result.Ok
                ? ($"Резервная копия создана: {result.Value!.Name}, {SizeText(result.Value.Bytes)}. Проверка целостности пройдена.", false)
                : (result.Message, true);
        }
        finally
        {
            _taking = false;
        }
        Reload();
    }

    /// <summary>«812 КБ», «12,4 МБ», «1,3 ГБ».</summary>
    internal static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} Б",
        < 1024 * 1024 => $"{bytes / 1024.0:0} КБ",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} МБ",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.0} ГБ",
    };
}
