import { ts } from 'ts-morph';

/**
 * The nodes checks ask about, collected in ONE walk of the compiler's nodes (`ts.forEachChild`, no
 * ts-morph wrappers: wrapping every node costs more than parsing). Checks filter these lists instead
 * of walking the tree again.
 */
export interface NodeIndex {
  classes: ts.ClassLikeDeclaration[];
  interfaces: ts.InterfaceDeclaration[];
  typeAliases: ts.TypeAliasDeclaration[];
  enums: ts.EnumDeclaration[];
  variables: ts.VariableDeclaration[];
  functions: ts.FunctionLikeDeclaration[];
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  /** `a = b` (and compound assignments) and `a === b`-style comparisons. */
  binaries: ts.BinaryExpression[];
  propertyAssignments: ts.PropertyAssignment[];
  switches: ts.SwitchStatement[];
  tries: ts.TryStatement[];
  imports: ts.ImportDeclaration[];
  /** `export { a as b } from './x'`, `export * from './y'`. */
  exportDeclarations: ts.ExportDeclaration[];
  decorators: ts.Decorator[];
  /** True when the file contains any JSX. */
  hasJsx: boolean;
}

export function buildNodeIndex(sourceFile: ts.SourceFile): NodeIndex {
  const index: NodeIndex = {
    classes: [],
    interfaces: [],
    typeAliases: [],
    enums: [],
    variables: [],
    functions: [],
    calls: [],
    news: [],
    binaries: [],
    propertyAssignments: [],
    switches: [],
    tries: [],
    imports: [],
    exportDeclarations: [],
    decorators: [],
    hasJsx: false,
  };
  const SK = ts.SyntaxKind;
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case SK.CallExpression:
        index.calls.push(node as ts.CallExpression);
        break;
      case SK.PropertyAssignment:
        index.propertyAssignments.push(node as ts.PropertyAssignment);
        break;
      case SK.BinaryExpression: {
        const op = (node as ts.BinaryExpression).operatorToken.kind;
        if (op === SK.EqualsToken || op === SK.EqualsEqualsEqualsToken || op === SK.ExclamationEqualsEqualsToken ||
            op === SK.EqualsEqualsToken || op === SK.ExclamationEqualsToken) {
          index.binaries.push(node as ts.BinaryExpression);
        }
        break;
      }
      case SK.VariableDeclaration:
        index.variables.push(node as ts.VariableDeclaration);
        break;
      case SK.FunctionDeclaration:
      case SK.FunctionExpression:
      case SK.ArrowFunction:
      case SK.MethodDeclaration:
      case SK.Constructor:
      case SK.GetAccessor:
      case SK.SetAccessor:
        index.functions.push(node as ts.FunctionLikeDeclaration);
        break;
      case SK.ClassDeclaration:
      case SK.ClassExpression:
        index.classes.push(node as ts.ClassLikeDeclaration);
        break;
      case SK.InterfaceDeclaration:
        index.interfaces.push(node as ts.InterfaceDeclaration);
        break;
      case SK.TypeAliasDeclaration:
        index.typeAliases.push(node as ts.TypeAliasDeclaration);
        break;
      case SK.EnumDeclaration:
        index.enums.push(node as ts.EnumDeclaration);
        break;
      case SK.NewExpression:
        index.news.push(node as ts.NewExpression);
        break;
      case SK.SwitchStatement:
        index.switches.push(node as ts.SwitchStatement);
        break;
      case SK.TryStatement:
        index.tries.push(node as ts.TryStatement);
        break;
      case SK.ImportDeclaration:
        index.imports.push(node as ts.ImportDeclaration);
        break;
      case SK.ExportDeclaration:
        index.exportDeclarations.push(node as ts.ExportDeclaration);
        break;
      case SK.Decorator:
        index.decorators.push(node as ts.Decorator);
        break;
      case SK.JsxElement:
      case SK.JsxSelfClosingElement:
      case SK.JsxFragment:
        index.hasJsx = true;
        break;
    }
  };
  // An explicit stack, not recursion: valid code can nest thousands deep (`"a" + "a" + …` is a
  // left-leaning chain of binary expressions), which would overflow the call stack.
  const stack: ts.Node[] = [];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): void => {
    children.push(child);
  };
  const pushChildren = (node: ts.Node): void => {
    children.length = 0;
    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!); // document order
  };
  pushChildren(sourceFile);
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    pushChildren(node);
  }
  return index;
}
