namespace LiveOrders.Core.Attachments;

/// <summary>The "Attachments" section of appsettings.json.</summary>
public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    /// <summary>The largest file accepted, in bytes.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Extensions (without the dot, any case) a file may have. Each must be one <see cref="AttachmentContent"/> knows how to check.</summary>
    /// <remarks>Empty means <see cref="DefaultExtensions"/> (a default list here would be appended to, not replaced, by configuration).</remarks>
    public string[] AllowedExtensions { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultExtensions =
        ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "rtf", "jpg", "jpeg", "png", "txt", "csv", "zip"];

    /// <summary>The extensions in force, lower case, those <see cref="AttachmentContent"/> cannot check left out.</summary>
    public IReadOnlySet<string> Extensions =>
        (AllowedExtensions.Length > 0 ? AllowedExtensions : DefaultExtensions)
            .Select(e => e.Trim().TrimStart('.').ToLowerInvariant()).Where(AttachmentContent.Knows).ToHashSet();

    /// <summary>
    /// Where the files are kept: an absolute path, or one relative to the app's content root. Never under wwwroot:
    /// every download goes through the access check.
    /// </summary>
    public string StoragePath { get; set; } = "App_Data/attachments";
}
