using LiveOrders.Core;
using LiveOrders.Core.Attachments;
using LiveOrders.Core.Live;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// The order's files: the list (thumbnails for images, a preview for images and PDFs in the page), attaching more and
/// removing, for whoever the policy allows. Live: a file attached or removed by anyone re-reads the list, as this viewer
/// may see it.
/// </summary>
public sealed partial class OrderAttachments
{
    [Parameter, EditorRequired] public int OrderId { get; set; }
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    /// <summary>The order's version: a transition may change who may attach (a closed order takes no more).</summary>
    [Parameter] public int Version { get; set; }

    [Inject] private AttachmentService Attachments { get; set; } = default!;
    [Inject] private ILiveFeed Feed { get; set; } = default!;
    [Inject] private ActorDirectory Directory { get; set; } = default!;
    [Inject] private MunicipalTime Time { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<AttachmentItem> _files = [];
    private bool _canAttach;
    private bool _busy;
    private IReadOnlyList<string> _errors = [];
    private AttachmentItem? _preview;
    private long? _confirming;
    private int _loadedVersion = -1;
    private IDisposable? _subscription;
    private MudFileUpload<IReadOnlyList<IBrowserFile>>? _upload;

    private string Accept => string.Join(",", Attachments.Extensions.Order().Select(e => "." + e));

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedVersion != Version) await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (_subscription is null)
            _subscription = Feed.Subscribe(c => c.Kind == OrderChangeKind.Attachments && c.OrderId == OrderId && Directory.IsCurrent(Actor),
                _ => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }));
    }

    private async Task LoadAsync()
    {
        _loadedVersion = Version;
        var result = await Attachments.FilesAsync(Actor, OrderId);
        (_canAttach, _files) = result.Ok ? (result.Value!.CanAttach, result.Value.Files) : (false, []);
        if (_preview is { } shown && _files.All(f => f.Id != shown.Id)) _preview = null;
    }

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        if (files is not { Count: > 0 }) return;
        (_busy, _errors) = (true, []);
        StateHasChanged();
        _errors = await AttachmentUpload.SendAsync(Attachments, Actor, OrderId, files);
        _busy = false;
        // Emptied, so that picking the same file again (after renaming it, say) is a change again.
        if (_upload is not null) await _upload.ClearAsync();
        await LoadAsync();
        var saved = files.Count - _errors.Count;
        if (saved > 0) Snackbar.Add(saved == 1 ? "Файл приложен." : $"Приложено файлов: {saved}.", Severity.Success);
    }

    private async Task RemoveAsync(AttachmentItem file)
    {
        _confirming = null;
        var result = await Attachments.RemoveAsync(Actor, OrderId, file.Id);
        await LoadAsync();
        if (result.Ok) Snackbar.Add($"Файл «{file.FileName}» удалён.", Severity.Success);
        else _errors = [result.Message ?? "Файл не удалён."];
    }

    private void TogglePreview(AttachmentItem file) => _preview = _preview?.Id == file.Id ? null : file;

    private static string IconOf(AttachmentItem file) => file.ContentType switch
    {
        "application/pdf" => Icons.Material.Filled.PictureAsPdf,
        "application/zip" => Icons.Material.Filled.FolderZip,
        _ when file.ContentType.StartsWith("text/", StringComparison.Ordinal) => Icons.Material.Filled.Article,
        _ => Icons.Material.Filled.InsertDriveFile,
    };

    private static string PlaceText(AttachmentItem file) => file.Place switch
    {
        AttachmentPlace.Report => " · к отчёту",
        AttachmentPlace.Comment => " · к комментарию",
        _ => "",
    };

    public void Dispose() => _subscription?.Dispose();
}
