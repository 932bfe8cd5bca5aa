import type Ajv from 'ajv';
import type { KeywordCxt } from 'ajv';
import { _, Name, not } from 'ajv/dist/compile/codegen';
import { alwaysValidSchema, Type } from 'ajv/dist/compile/util';
import ajvUnevaluatedItems from 'ajv/dist/vocabularies/unevaluated/unevaluatedItems';

/**
 * `unevaluatedItems` as ajv writes it, except where ajv counts evaluated items at run time (after
 * an `anyOf` or `oneOf` branch): there ajv's count may be undefined when no branch evaluated
 * items, and it then checks no item at all. Here an undefined count is 0 and `true` is all.
 */
export function useUnevaluatedItems(ajv: Ajv): void {
  if (!ajv.getKeyword('unevaluatedItems')) return;
  ajv.removeKeyword('unevaluatedItems');
  ajv.addKeyword({
    keyword: 'unevaluatedItems',
    type: 'array',
    schemaType: ['boolean', 'object'],
    error: ajvUnevaluatedItems.error,
    code(cxt: KeywordCxt) {
      const { gen, schema, data, it } = cxt;
      const counted = it.items ?? 0;
      if (counted === true) return;
      const len = gen.const('len', _`${data}.length`);
      const from =
        counted instanceof Name ? gen.const('from', _`${counted} === true ? ${len} : ${counted} || 0`) : counted;
      if (schema === false) {
        cxt.setParams({ len: from });
        cxt.fail(_`${len} > ${from}`);
      } else if (typeof schema == 'object' && !alwaysValidSchema(it, schema)) {
        const valid = gen.var('valid', _`${len} <= ${from}`);
        gen.if(not(valid), () =>
          gen.forRange('i', from, len, (i) => {
            cxt.subschema({ keyword: 'unevaluatedItems', dataProp: i, dataPropType: Type.Num }, valid);
            if (!it.allErrors) gen.if(not(valid), () => gen.break());
          }),
        );
        cxt.ok(valid);
      }
      it.items = true;
    },
  });
}
