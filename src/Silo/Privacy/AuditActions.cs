namespace HotlineDispatch.Silo.Privacy;

/// <summary>What an audit row records; the <c>action</c> filter of <c>GET /api/v1/audit</c> takes these names.</summary>
public static class AuditActions
{
    /// <summary>A full phone number was shown (a ticket, call drafts, missed calls, the outbox).</summary>
    public const string ViewPhone = "view-phone";

    /// <summary>An anonymous reporter's name or number was shown to the operator who took the report.</summary>
    public const string ViewAnonymous = "view-anonymous";

    public const string Export = "export";
    public const string Erase = "erase";
    public const string UserChange = "user-change";
    public const string SignInFailure = "sign-in-failure";

    public static IReadOnlyList<string> All { get; } = [ViewPhone, ViewAnonymous, Export, Erase, UserChange, SignInFailure];
}
