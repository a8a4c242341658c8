// Stand-in for react-devtools-core, which the production bundle never uses.
export default { initialize() {}, connectToDevTools() {} };
