namespace HotlineDispatch;

/// <summary>The grain storage providers the silo must register.</summary>
public static class StorageNames
{
    public const string Hotline = "hotline";
}
