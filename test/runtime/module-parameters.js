// Test fixture for the runtime's module parameters (see the test beside it,
// on the object the runtime builds per module): what it passed this module,
// read without naming the parameter, as the wrapper's sixth argument.
'use strict';
module.exports = { sixth: arguments.length > 5 ? typeof arguments[5] : 'absent' };
