// Reference canonicalizer used to produce src/test/resources/dev/mlops/core/json/rfc8785/*.expected.json:
// sorted member names (UTF-16 order, as JavaScript sorts) and JSON.stringify, which is RFC 8785 for valid input.
// Run: node scripts/jcs-reference.js input.json
function c(v){ if(v===null||typeof v!=='object') return JSON.stringify(v); if(Array.isArray(v)) return '['+v.map(c).join(',')+']'; return '{'+Object.keys(v).sort().map(k=>JSON.stringify(k)+':'+c(v[k])).join(',')+'}'; }
const fs=require('fs'); console.log(c(JSON.parse(fs.readFileSync(process.argv[2],'utf8'))));
