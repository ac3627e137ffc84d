namespace HotlineDispatch.Silo.Auth;

/// <summary>The SHA-256 of the bootstrap admin token, resolved once at start-up.</summary>
public sealed record AdminTokenHash(string Value);
