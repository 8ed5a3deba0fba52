<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../widgets/graphnodeitem.cpp" line="24"/>
        <source>+%n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="70"/>
        <source>%1: not enough memory to load the model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="25"/>
        <source>Inspect ONNX models and their weights.</source>
        <translation>查看 ONNX 模型及其权重。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="28"/>
        <source>The .onnx file to open.</source>
        <translation>要打开的 .onnx 文件。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="30"/>
        <source>Select node &lt;name&gt; once loaded.</source>
        <translation>加载后选择节点 &lt;name&gt;。</translation>
    </message>
</context>
<context>
    <name>qs</name>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="20"/>
        <source>(initializer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="23"/>
        <source>type unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="79"/>
        <source>Graph input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="79"/>
        <source>Graph output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="88"/>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="91"/>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/graphtooltip.cpp" line="94"/>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::FindBar</name>
    <message>
        <location filename="../app/studio/findbar.cpp" line="13"/>
        <source>Node name or op type</source>
        <translation>节点名称或算子类型</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="16"/>
        <source>Find Next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="19"/>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../app/studio/findbar.cpp" line="24"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
</context>
<context>
    <name>qs::GraphView</name>
    <message>
        <location filename="../widgets/graphview.cpp" line="342"/>
        <source>Drag to pan · wheel to scroll · Ctrl+wheel or +/− to zoom · 0 for 100 % · click a node to select it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qs::HistogramView</name>
    <message>
        <location filename="../widgets/histogramview.cpp" line="90"/>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="90"/>
        <source>Histogram of every value in the weight tensor</source>
        <translation>权重张量中所有数值的直方图</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="91"/>
        <source>Per channel</source>
        <translation>逐通道</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="91"/>
        <source>Range of each output channel: min..max, mean ± std</source>
        <translation>每个输出通道的范围：最小..最大，均值 ± 标准差</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="92"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="92"/>
        <source>Logarithmic count axis</source>
        <translation>对数计数轴</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="122"/>
        <source>Select a layer to see its weights.</source>
        <translation>选择一个层以查看其权重。</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="207"/>
        <location filename="../widgets/histogramview.cpp" line="225"/>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="208"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="224"/>
        <source>output channel</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <location filename="../widgets/histogramview.cpp" line="263"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 values, min %3, max %4, mean %5, std %6, %7 zeros</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个值，最小 %3，最大 %4，均值 %5，标准差 %6，%7 个零</translation>
    </message>
</context>
<context>
    <name>qs::LayerTableModel</name>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="190"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="192"/>
        <source>Op</source>
        <translation>算子</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="194"/>
        <source>Weight shape</source>
        <translation>权重形状</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="196"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="198"/>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="200"/>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="202"/>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../widgets/layertablemodel.cpp" line="204"/>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
</context>
<context>
    <name>qs::LayersPanel</name>
    <message>
        <location filename="../widgets/layerspanel.cpp" line="24"/>
        <source>Filter layers by name or op…</source>
        <translation>按名称或算子筛选层…</translation>
    </message>
</context>
<context>
    <name>qs::MainWindow</name>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="99"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="101"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="103"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="110"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="111"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="112"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="115"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="117"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="122"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="123"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="125"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="132"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="133"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="134"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="135"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="137"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="140"/>
        <source>&amp;Find Node…</source>
        <translation>查找节点(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="141"/>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="151"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="152"/>
        <source>&amp;About Quantscope</source>
        <translation>关于 Quantscope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="153"/>
        <source>About Quantscope</source>
        <translation>关于 Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="154"/>
        <source>&lt;b&gt;Quantscope %1&lt;/b&gt;&lt;p&gt;Inspect ONNX models and their weights before quantizing them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="165"/>
        <source>Loading cancelled.</source>
        <translation>已取消加载。</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/studio/mainwindow.cpp" line="170"/>
        <source>%n warning(s) while loading; see Messages.</source>
        <translation>
            <numerusform>加载时出现 %n 个警告；请查看“消息”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="191"/>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="191"/>
        <source>ONNX models (*.onnx);;All files (*)</source>
        <translation>ONNX 模型 (*.onnx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="205"/>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="211"/>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="227"/>
        <source>%1 nodes, %2 layers, %3 parameters</source>
        <translation>%1 个节点，%2 个层，%3 个参数</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="234"/>
        <source>Loaded %1 in %2 ms: %3</source>
        <translation>已加载 %1，用时 %2 毫秒：%3</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="245"/>
        <source>Cannot Open Model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="262"/>
        <source>%1 has no constant weight to quantize.</source>
        <translation>%1 没有可量化的常量权重。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="266"/>
        <source>Computing weight statistics…</source>
        <translation>正在计算权重统计…</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="268"/>
        <source>The weight of %1 is not floating point.</source>
        <translation>%1 的权重不是浮点数。</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="273"/>
        <source>Quantscope</source>
        <translation>Quantscope</translation>
    </message>
    <message>
        <location filename="../app/studio/mainwindow.cpp" line="273"/>
        <source>%1[*] — Quantscope</source>
        <translation>%1[*] — Quantscope</translation>
    </message>
</context>
<context>
    <name>qs::MessageLog</name>
    <message>
        <location filename="../app/studio/messagelog.cpp" line="11"/>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <location filename="../app/studio/messagelog.cpp" line="13"/>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
</context>
<context>
    <name>qs::ModelLoadTask</name>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="49"/>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <location filename="../app/studio/modelloadtask.cpp" line="121"/>
        <source>%1: could not be loaded</source>
        <translation>%1：无法加载</translation>
    </message>
</context>
<context>
    <name>qs::TaskProgressWidget</name>
    <message>
        <location filename="../app/studio/taskprogresswidget.cpp" line="22"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
