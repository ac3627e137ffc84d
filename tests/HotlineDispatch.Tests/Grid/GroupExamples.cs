namespace HotlineDispatch.Tests.Grid;

/// <summary>The example set: greetings, 收到, a sale notice, and two real requests, in the order they are posted.</summary>
public static class GroupExamples
{
    public static readonly (string Text, bool IsRequest)[] Messages =
    [
        ("大家早上好！", false),
        ("收到", false),
        ("出售一箱没拆封的纸尿裤L码，原价转，有需要的私聊", false),
        ("我们5栋2单元楼道里一股煤气味，比昨天还重，能不能叫燃气公司来看看", true),
        ("8栋后面那个垃圾房三天没人清了，桶满得盖子都盖不上，味道很大", true),
    ];
}
